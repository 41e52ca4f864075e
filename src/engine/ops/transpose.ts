import { apply } from '../engine';
import { mapProgram, strides } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { stridesOf, walkOffsets, type Shape } from '../shape';
import type { Tensor } from '../tensor';

const mapCache = new Map<string, Int32Array>();
/** For each output index, the input index it reads (cached per shape and permutation). */
function permMap(inShape: Shape, perm: readonly number[]): Int32Array {
  const key = inShape.join(',') + '|' + perm.join(',');
  let m = mapCache.get(key);
  if (m) return m;
  const inStr = stridesOf(inShape);
  const outShape = perm.map((p) => inShape[p]);
  const eff = perm.map((p) => inStr[p]);
  m = walkOffsets(outShape, eff);
  mapCache.set(key, m);
  return m;
}

/** Permutes axes: out.shape[i] = x.shape[perm[i]]; the gradient applies the inverse permutation. */
export const transposeOp: OpDef<{ perm: number[] }> = {
  name: 'transpose',
  shape: ([s], { perm }) => {
    if (perm.length !== s.length || [...perm].sort().some((p, i) => p !== i)) throw new Error(`transpose: bad permutation [${perm}] for rank ${s.length}`);
    return perm.map((p) => s[p]);
  },
  vjp: (g, _x, _out, { perm }) => {
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => (inv[p] = i));
    return [transpose(g, inv)];
  },
  cpu: ([a], out, { perm }) => {
    const x = buf(a);
    const o = buf(out);
    if (a.shape.length === 2 && perm[0] === 1) {
      const [r, c] = a.shape;
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) o[j * r + i] = x[i * c + j];
      return;
    }
    const m = permMap(a.shape, perm);
    for (let i = 0; i < o.length; i++) o[i] = x[m[i]];
  },
  webgpu: ([x], out, { perm }) => {
    const st = strides(x.shape);
    return mapProgram('transpose', { shape: [...out.shape], inputs: [{ strides: perm.map((p) => st[p]) }], body: 'a' });
  },
  cases: [opCase('transpose 2-d', [S(5, 3)], (x) => transpose(x)), opCase('transpose [0,2,1,3]', [S(2, 3, 4, 2)], (x) => transpose(x, [0, 2, 1, 3]))],
};

/** Permutes the axes of x (reverses them when perm is omitted). */
export function transpose(x: Tensor, perm?: number[]): Tensor {
  const p = perm ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  return apply(transposeOp, [x], { perm: p.map((a) => (a < 0 ? a + x.shape.length : a)) });
}
