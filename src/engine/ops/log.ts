import { pos, unaryCases } from '../opCase';
import type { Tensor } from '../tensor';
import { div } from './div';
import { applyUnary, unaryOp } from './unary';

/** y = ln x; dy/dx = 1/x. Elementwise, any shape. */
export const logOp = unaryOp({
  name: 'log',
  expr: 'Math.log(v)',
  fn: Math.log,
  wgsl: 'log(a)',
  vjp: (g, [x]) => [div(g, x)],
  cases: unaryCases('log', (x) => log(x), pos),
});

export function log(x: Tensor): Tensor {
  return applyUnary(logOp, x);
}
