import { getBackend, keep, scalar } from '../engine';
import { Tensor } from '../tensor';

export type TensorLike = Tensor | number;

// Constants like 1/n or a learning rate recur every step: one kept scalar per
// (backend, value) saves an allocation and a write per use. Never disposed (a
// recorded op may still hold one); capped so a changing schedule cannot grow it.
const cache = new Map<string, Map<number, Tensor>>();
const CAP = 4096;
let cached = 0;

/** Turns a plain number into a scalar tensor so binary ops accept both. */
export function lift(x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  const b = getBackend();
  let m = cache.get(b.name);
  if (!m) cache.set(b.name, (m = new Map()));
  let t = m.get(x);
  if (t && t.backend === b && !t.disposed) return t;
  if (cached >= CAP) return scalar(x);
  t = keep(scalar(x));
  m.set(x, t);
  cached++;
  return t;
}

/** Whether autodiff wants a gradient for `t` (a vjp skips the work for constants). */
export function needsGrad(t: Tensor): boolean {
  return t.tracked || t.requiresGrad;
}
