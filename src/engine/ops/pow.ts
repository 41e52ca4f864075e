import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';

/** x^p for a constant exponent p; dy/dx = p x^(p-1). */
export const powOp: OpDef<{ p: number }> = {
  name: 'pow',
  shape: ([s]) => s,
  vjp: (g, [x], _out, { p }) => [mul(g, mul(pow(x, p - 1), p))],
  cpu: ([a], out, { p }) => {
    const x = buf(a);
    const o = buf(out);
    if (p === 2) for (let i = 0; i < o.length; i++) o[i] = x[i] * x[i];
    else for (let i = 0; i < o.length; i++) o[i] = Math.pow(x[i], p);
  },
};

export function pow(x: Tensor, p: number): Tensor {
  return apply(powOp, [x], { p });
}
