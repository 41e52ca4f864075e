import { apply } from '../engine';
import { elementwise, lit } from '../backends/webgpu/program';
import { opCase, pos, S } from '../opCase';
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
  webgpu: ([x], out, { p }) => elementwise('pow', [x], out, powBody(p)),
  cases: [
    opCase('pow 2', [S(4, 4)], (x) => pow(x, 2)),
    opCase('pow 3', [S(4, 4)], (x) => pow(x, 3)),
    opCase('pow -1', [pos(4, 4)], (x) => pow(x, -1)),
    opCase('pow 0.5', [pos(4, 4)], (x) => pow(x, 0.5)),
    opCase('pow 1.7', [pos(9)], (x) => pow(x, 1.7)),
  ],
};

export function pow(x: Tensor, p: number): Tensor {
  return apply(powOp, [x], { p });
}

/** x^p in WGSL as Math.pow gives it: repeated products for small integer p (exact signs), pow() otherwise. */
function powBody(p: number): string {
  if (p === 0) return '1.0';
  if (Number.isInteger(p) && Math.abs(p) <= 4) {
    const prod = Array.from({ length: Math.abs(p) }, () => 'a').join(' * ');
    return p > 0 ? prod : `1.0 / (${prod})`;
  }
  if (Number.isInteger(p)) {
    const mag = `pow(abs(a), ${lit(Math.abs(p))})`;
    const signed = p % 2 !== 0 ? `sign(a) * ${mag}` : mag;
    return p > 0 ? signed : `1.0 / (${signed})`;
  }
  return `pow(a, ${lit(p)})`;
}
