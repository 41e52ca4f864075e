/**
 * Reverse-mode autodiff over a recorded tape (modular fprop/bprop): walk the
 * tape backwards, call each op's vector-Jacobian product, sum what meets.
 */
import { fill, record, type TapeNode } from './engine';
import { add } from './ops/add';
import type { Tensor } from './tensor';

/**
 * Gradients of the scalar `loss` with respect to each of `wrt` (parameters or
 * any tensor recorded on the tape); null where `loss` does not depend on it.
 */
export function gradients(tape: readonly TapeNode[], loss: Tensor, wrt: readonly Tensor[]): (Tensor | null)[] {
  if (loss.size !== 1) throw new Error('gradients() needs a scalar loss');
  const grads = new Map<number, Tensor>();
  grads.set(loss.id, fill(loss.shape, 1));
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    const g = grads.get(node.out.id);
    if (!g) continue;
    const gs = node.op.vjp!(g, node.inputs, node.out, node.attrs);
    for (let j = 0; j < node.inputs.length; j++) {
      const x = node.inputs[j];
      const gx = gs[j];
      if (!gx || !(x.tracked || x.requiresGrad)) continue;
      const prev = grads.get(x.id);
      grads.set(x.id, prev ? add(prev, gx) : gx);
    }
  }
  return wrt.map((t) => grads.get(t.id) ?? null);
}

/** Runs `lossFn` on the tape and returns the loss with its gradients wrt `params` (zeros where unused). */
export function valueAndGrad(lossFn: () => Tensor, params: readonly Tensor[]): { loss: Tensor; grads: Tensor[] } {
  const { result: loss, tape } = record(lossFn);
  const gs = gradients(tape, loss, params);
  return { loss, grads: gs.map((g, i) => g ?? fill(params[i].shape, 0)) };
}
