import { unaryCases } from '../opCase';
import type { Tensor } from '../tensor';
import { applyUnary, unaryOp } from './unary';

/** y = -x. Elementwise, any shape. */
export const negOp = unaryOp({
  name: 'neg',
  expr: '-v',
  fn: (v) => -v,
  wgsl: '-a',
  vjp: (g) => [neg(g)],
  cases: unaryCases('neg', (x) => neg(x)),
});

export function neg(x: Tensor): Tensor {
  return applyUnary(negOp, x);
}
