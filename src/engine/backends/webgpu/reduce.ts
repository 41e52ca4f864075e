/**
 * Sum and max over a set of axes. One output element per workgroup with a
 * shared-memory tree when the reduction is long, one per thread when short.
 */
import type { Tensor } from '../../tensor';
import { coordsOf, grid, header, indexExpr, lit, strides, TREE_PART, treeReduce, u, WG, type GpuProgram } from './program';

export type Reducer = 'sum' | 'max';

/**
 * out[j] = reduce_r x[base(j) + off(r)] where j runs over the kept axes of x
 * (in order) and r over the reduced ones.
 */
export function reduceProgram(kind: Reducer, x: Tensor, axes: readonly number[], outSize: number): GpuProgram {
  const st = strides(x.shape);
  const keptShape: number[] = [];
  const keptStr: number[] = [];
  const redShape: number[] = [];
  const redStr: number[] = [];
  x.shape.forEach((d, k) => {
    if (axes.includes(k)) {
      redShape.push(d);
      redStr.push(st[k]);
    } else {
      keptShape.push(d);
      keptStr.push(st[k]);
    }
  });
  const R = redShape.reduce((a, b) => a * b, 1);
  const init = kind === 'sum' ? '0.0' : lit(-Infinity);
  const comb = (a: string, b: string) => (kind === 'sum' ? `${a} + ${b}` : `max(${a}, ${b})`);
  // a contiguous reduced block (e.g. the last axes) reads x[base + r]
  const redContig = redStr.every((s, k) => s === strides(redShape)[k]);
  const offR = redContig ? 'r' : `${indexExpr(redStr, 0, 'r')}`;
  const redCoords = redContig ? '' : coordsOf(redShape, 'r', 'r');
  const base = `${coordsOf(keptShape, 'j', 'k')}\n  let base = ${indexExpr(keptStr, 0, 'k')};`;
  const spec = JSON.stringify([x.shape, axes]);
  if (R <= 32 || outSize >= 4096) {
    const { workgroups, rowStride } = grid(outSize);
    return {
      key: `${kind}|thread|${spec}`,
      workgroups,
      code: () => `${header(1)}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let j = gid.x + gid.y * ${u(rowStride)};
  if (j >= ${u(outSize)}) { return; }
${base}
  var acc = ${init};
  for (var r = 0u; r < ${u(R)}; r++) {
${redCoords}
    acc = ${comb('acc', `x0[base + ${offR}]`)};
  }
  o[j] = acc;
}`,
    };
  }
  const { workgroups, rowStride } = grid(outSize, 1);
  return {
    key: `${kind}|tree|${spec}`,
    workgroups,
    code: () => `${header(1)}
${TREE_PART}
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let j = wid.x + wid.y * ${u(rowStride)};
  if (j >= ${u(outSize)}) { return; }
${base}
  var acc = ${init};
  for (var r = lid.x; r < ${u(R)}; r += ${u(WG)}) {
${redCoords}
    acc = ${comb('acc', `x0[base + ${offR}]`)};
  }
${treeReduce(comb)}
  if (lid.x == 0u) { o[j] = part[0]; }
}`,
  };
}
