import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { nz, unaryCases } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { reluGrad } from './reluGrad';
import { bits } from './f32bits';
import { wasmEnabled } from '../wasm/enabled';
import { wasmRelu } from '../wasm/elementwise';

/** y = max(0, x); dy/dx = [x > 0]. Elementwise, any shape. */
export const reluOp: OpDef = {
  name: 'relu',
  shape: ([s]) => s,
  vjp: (g, [x]) => [reluGrad(g, x)],
  cpu: ([a], out) => {
    if (wasmEnabled() && wasmRelu(buf(a), buf(out))) return; // the same select, four lanes at a time
    const x = bits(buf(a));
    const o = bits(buf(out));
    // o = x > 0 ? x : 0 without a branch (f32bits.ts)
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v & (((-v) & ~v) >> 31);
    }
  },
  webgpu: elementwiseKernel('relu', 'select(0.0, a, a > 0.0)'),
  cases: unaryCases('relu', (x) => relu(x), nz),
};

export function relu(x: Tensor): Tensor {
  return apply(reluOp, [x], undefined);
}
