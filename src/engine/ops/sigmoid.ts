import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase, unaryCases } from '../opCase';
import { wgslSigmoid } from './wgslMath';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { sigmoidGrad } from './sigmoidGrad';

/** y = 1/(1+e^-x), computed stably; dy/dx = y(1-y). Elementwise, any shape. */
export const sigmoidOp: OpDef = {
  name: 'sigmoid',
  shape: ([s]) => s,
  vjp: (g, [_x], out) => [sigmoidGrad(g, out)],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }
  },
  webgpu: elementwiseKernel('sigmoid', wgslSigmoid('a')),
  cases: [...unaryCases('sigmoid', (x) => sigmoid(x)), opCase('sigmoid wide [50]', [{ shape: [50], lo: -30, hi: 30 }], (x) => sigmoid(x))],
};


export function sigmoid(x: Tensor): Tensor {
  return apply(sigmoidOp, [x], undefined);
}
