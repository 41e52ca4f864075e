import { apply } from '../engine';
import { elementwise, lit } from '../backends/webgpu/program';
import { nz, opCase } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { add } from './add';
import { mul } from './mul';
import { step } from './step';

/** y = x for x > 0, alpha x otherwise; dy/dx = alpha + (1 - alpha)[x > 0]. */
export const leakyReluOp: OpDef<{ alpha: number }> = {
  name: 'leakyRelu',
  shape: ([s]) => s,
  vjp: (g, [x], _out, { alpha }) => [mul(g, add(mul(step(x), 1 - alpha), alpha))],
  cpu: ([a], out, { alpha }) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v > 0 ? v : alpha * v;
    }
  },
  webgpu: ([x], out, { alpha }) => elementwise('leakyRelu', [x], out, `select(${lit(alpha)} * a, a, a > 0.0)`),
  cases: [opCase('leakyRelu 0.1 [5,5]', [nz(5, 5)], (x) => leakyRelu(x, 0.1))],
};

export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  return apply(leakyReluOp, [x], { alpha });
}
