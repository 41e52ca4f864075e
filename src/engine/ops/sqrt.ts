import { pos, unaryCases } from '../opCase';
import type { Tensor } from '../tensor';
import { div } from './div';
import { mul } from './mul';
import { applyUnary, unaryOp } from './unary';

/** y = sqrt(x); dy/dx = 1/(2y). Elementwise, any shape. */
export const sqrtOp = unaryOp({
  name: 'sqrt',
  expr: 'Math.sqrt(v)',
  fn: Math.sqrt,
  wgsl: 'sqrt(a)',
  vjp: (g, _x, out) => [div(g, mul(2, out))],
  cases: unaryCases('sqrt', (x) => sqrt(x), pos),
});

export function sqrt(x: Tensor): Tensor {
  return applyUnary(sqrtOp, x);
}
