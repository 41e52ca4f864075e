import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';

/** Heaviside step [x > 0]; no gradient (zero almost everywhere). Elementwise, any shape. */
export const stepOp: OpDef = {
  name: 'step',
  shape: ([s]) => s,
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v > 0 ? 1 : 0;
    }
  },
};

export function step(x: Tensor): Tensor {
  return apply(stepOp, [x], undefined);
}
