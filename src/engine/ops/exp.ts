import { unaryCases } from '../opCase';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { applyUnary, unaryOp } from './unary';

/** y = e^x; dy/dx = y. Elementwise, any shape. */
export const expOp = unaryOp({
  name: 'exp',
  expr: 'Math.exp(v)',
  fn: Math.exp,
  wgsl: 'exp(a)',
  vjp: (g, _x, out) => [mul(g, out)],
  cases: unaryCases('exp', (x) => exp(x)),
});

export function exp(x: Tensor): Tensor {
  return applyUnary(expOp, x);
}
