import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { wasmEnabled } from '../wasm/enabled';
import { wasmTanhGrad } from '../wasm/exp';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sameShapes } from './reluGrad';
import { tanh } from './tanh';

/**
 * tanh's backward op: g (1 - tanh^2 x) from g and tanh's input x, in one pass,
 * a real op with a kernel on every backend. It reads x, not y = tanh x: a
 * saturated unit's 1 - y^2 lives in the last bits of y (at x = 8 one ulp of y
 * moves it by 13%), while 4e / (1 + e)^2 with e = exp(-2|x|) is exact to a few
 * ulps everywhere, so the backends agree on a saturated net's gradients.
 */
export const tanhGradOp: OpDef = {
  name: 'tanhGrad',
  shape: ([s, t]) => sameShapes('tanhGrad', s, t),
  // d/dg = sech^2 x; d/dx = -2 g sech^2 x tanh x
  vjp: (gg, [g, x]) => [tanhGrad(gg, x), mul(tanhGrad(mul(gg, g), x), mul(tanh(x), -2))],
  cpu: ([tg, tx], out) => {
    if (wasmEnabled() && wasmTanhGrad(buf(tg), buf(tx), buf(out))) return; // the same formula, its exps in SIMD
    const g = buf(tg);
    const x = buf(tx);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const e = Math.exp(-2 * Math.abs(x[i]));
      o[i] = (g[i] * 4 * e) / ((1 + e) * (1 + e));
    }
  },
  // g sech^2 x as the cpu computes it
  webgpu: elementwiseKernel('tanhGrad', 'a * 4.0 * exp(-2.0 * abs(b)) / ((1.0 + exp(-2.0 * abs(b))) * (1.0 + exp(-2.0 * abs(b))))'),
  cases: [
    opCase('tanhGrad [6,5]', [S(6, 5), { shape: [6, 5], lo: -3, hi: 3 }], (g, x) => tanhGrad(g, x)),
    opCase('tanhGrad [1000] saturated', [S(1000), { shape: [1000], lo: -12, hi: 12 }], (g, x) => tanhGrad(g, x)),
  ],
};

/** g (1 - tanh^2 x): the gradient through tanh at its input x. */
export function tanhGrad(g: Tensor, x: Tensor): Tensor {
  return apply(tanhGradOp, [g, x], undefined);
}
