import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase, unaryCases } from '../opCase';
import { wgslTanh } from './wgslMath';
import { wasmEnabled } from '../wasm/enabled';
import { wasmTanh } from '../wasm/exp';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { tanhGrad } from './tanhGrad';

/** y = tanh x; dy/dx = 1 - y^2, computed from x (see tanhGrad). Elementwise, any shape. */
export const tanhOp: OpDef = {
  name: 'tanh',
  shape: ([s]) => s,
  vjp: (g, [x]) => [tanhGrad(g, x)],
  cpu: ([a], out) => {
    if (wasmEnabled() && wasmTanh(buf(a), buf(out))) return; // the same formula, its exps in SIMD
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      // 1 - 2 / (e^{2v} + 1) is exact at both tails and costs one exp (Math.tanh is several times slower)
      o[i] = v > -1e-4 && v < 1e-4 ? v : 1 - 2 / (Math.exp(2 * v) + 1);
    }
  },
  webgpu: elementwiseKernel('tanh', wgslTanh('a')),
  cases: [...unaryCases('tanh', (x) => tanh(x)), opCase('tanh wide [50]', [{ shape: [50], lo: -30, hi: 30 }], (x) => tanh(x))],
};


export function tanh(x: Tensor): Tensor {
  return apply(tanhOp, [x], undefined);
}
