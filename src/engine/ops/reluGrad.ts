import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { nz, opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { sameShape } from '../shape';
import { bits } from './f32bits';
import { wasmEnabled } from '../wasm/enabled';
import { wasmReluGrad } from '../wasm/elementwise';
import type { Tensor } from '../tensor';

/**
 * relu's backward op: g [x > 0] from the incoming gradient g and relu's input x,
 * in one pass (the composite g * step(x) is two ops and a temporary). Both
 * backends run it, so a backward pass records the same tape on each.
 */
export const reluGradOp: OpDef = {
  name: 'reluGrad',
  shape: ([s, t]) => sameShapes('reluGrad', s, t),
  // linear in g; zero derivative in x away from 0
  vjp: (gg, [_g, x]) => [reluGrad(gg, x), null],
  cpu: ([tg, tx], out) => {
    if (wasmEnabled() && wasmReluGrad(buf(tg), buf(tx), buf(out))) return; // the same select, four lanes at a time
    const g = bits(buf(tg));
    const x = bits(buf(tx));
    const o = bits(buf(out));
    // o = x > 0 ? g : 0 without a branch (f32bits.ts)
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = g[i] & (((-v) & ~v) >> 31);
    }
  },
  webgpu: elementwiseKernel('reluGrad', 'select(0.0, a, b > 0.0)'),
  cases: [opCase('reluGrad [6,5]', [S(6, 5), nz(6, 5)], (g, x) => reluGrad(g, x)), opCase('reluGrad [1000]', [S(1000), nz(1000)], (g, x) => reluGrad(g, x))],
};

export function reluGrad(g: Tensor, x: Tensor): Tensor {
  return apply(reluGradOp, [g, x], undefined);
}

/** The fused backward ops take two tensors of one shape (no broadcasting). */
export function sameShapes(name: string, s: readonly number[], t: readonly number[]): readonly number[] {
  if (!sameShape(s, t)) throw new Error(`${name}: shapes [${s}] and [${t}] differ`);
  return s;
}
