import { opCase } from '../opCase';
import type { Tensor } from '../tensor';
import { applyUnary, unaryOp } from './unary';

/** Heaviside step [x > 0]; no gradient (zero almost everywhere). Elementwise, any shape. */
export const stepOp = unaryOp({
  name: 'step',
  expr: 'v > 0 ? 1 : 0',
  fn: (v) => (v > 0 ? 1 : 0),
  wgsl: 'select(0.0, 1.0, a > 0.0)',
  cases: [opCase('step [4,4]', [{ shape: [4, 4], coarse: true }], (x) => step(x))],
});

export function step(x: Tensor): Tensor {
  return applyUnary(stepOp, x);
}
