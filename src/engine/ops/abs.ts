import { nz, unaryCases } from '../opCase';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sign } from './sign';
import { applyUnary, unaryOp } from './unary';

/** y = |x|; dy/dx = sign(x). Elementwise, any shape. */
export const absOp = unaryOp({
  name: 'abs',
  expr: 'Math.abs(v)',
  fn: Math.abs,
  wgsl: 'abs(a)',
  vjp: (g, [x]) => [mul(g, sign(x))],
  cases: unaryCases('abs', (x) => abs(x), nz),
});

export function abs(x: Tensor): Tensor {
  return applyUnary(absOp, x);
}
