import { opCase } from '../opCase';
import type { Tensor } from '../tensor';
import { applyUnary, unaryOp } from './unary';

/** sign(x) in {-1, 0, 1}; no gradient. Elementwise, any shape. */
export const signOp = unaryOp({
  name: 'sign',
  expr: 'v > 0 ? 1 : v < 0 ? -1 : 0',
  fn: (v) => (v > 0 ? 1 : v < 0 ? -1 : 0),
  wgsl: 'sign(a)',
  cases: [opCase('sign [4,4]', [{ shape: [4, 4], coarse: true }], (x) => sign(x))],
});

export function sign(x: Tensor): Tensor {
  return applyUnary(signOp, x);
}
