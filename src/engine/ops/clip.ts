import { apply } from '../engine';
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
};

export function clip(x: Tensor, lo: number, hi: number): Tensor {
  return apply(clipOp, [x], { lo, hi });
}
