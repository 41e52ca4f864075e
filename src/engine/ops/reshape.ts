import { apply } from '../engine';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { sizeOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';

/** Same values, new shape (one -1 is inferred). Copies, so storage is never shared. */
export const reshapeOp: OpDef<{ shape: Shape }> = {
  name: 'reshape',
  shape: ([s], { shape }) => {
    const n = sizeOf(s);
    const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
    const out = shape.map((d) => (d === -1 ? n / known : d));
    if (sizeOf(out) !== n) throw new Error(`cannot reshape [${s}] to [${shape}]`);
    return out;
  },
  vjp: (g, [x]) => [reshape(g, x.shape)],
  cpu: ([a], out) => buf(out).set(buf(a)),
  webgpu: () => 'copy',
  cases: [opCase('reshape [2,6]->[3,-1]', [S(2, 6)], (x) => reshape(x, [3, -1]))],
};

export function reshape(x: Tensor, shape: Shape): Tensor {
  return apply(reshapeOp, [x], { shape });
}
