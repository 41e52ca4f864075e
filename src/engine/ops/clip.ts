import { apply } from '../engine';
import { elementwise, lit } from '../backends/webgpu/program';
import { nz, opCase } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sub } from './sub';
import { step } from './step';

/** min(max(x, lo), hi) elementwise; the gradient passes where lo < x < hi. */
export const clipOp: OpDef<{ lo: number; hi: number }> = {
  name: 'clip',
  shape: ([s]) => s,
  vjp: (g, [x], _out, { lo, hi }) => [mul(g, mul(step(sub(x, lo)), step(sub(hi, x))))],
  cpu: ([a], out, { lo, hi }) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v < lo ? lo : v > hi ? hi : v;
    }
  },
  webgpu: ([x], out, { lo, hi }) => elementwise('clip', [x], out, `select(select(a, ${lit(hi)}, a > ${lit(hi)}), ${lit(lo)}, a < ${lit(lo)})`),
  cases: [opCase('clip [-0.5, 0.25] [6,7]', [nz(6, 7)], (x) => clip(x, -0.5, 0.25), { h: 1e-3, why: 'values within h of a clip bound would cross it' })],
};

export function clip(x: Tensor, lo: number, hi: number): Tensor {
  return apply(clipOp, [x], { lo, hi });
}
