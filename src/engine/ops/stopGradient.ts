import { apply } from '../engine';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';

/** Identity whose output is a constant for autodiff (no vjp, so nothing flows back). */
export const stopGradientOp: OpDef = {
  name: 'stopGradient',
  shape: ([s]) => s,
  cpu: ([a], out) => buf(out).set(buf(a)),
  webgpu: () => 'copy',
  cases: [opCase('stopGradient', [S(3, 3)], (x) => stopGradient(x))],
};

export function stopGradient(x: Tensor): Tensor {
  return apply(stopGradientOp, [x], undefined);
}
