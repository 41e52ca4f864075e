/**
 * Tiled matmul C[m,n] = op(A) op(B): each 16x16 workgroup stages a tile of
 * op(A) and of op(B) in workgroup memory per step along k, so every loaded
 * value is used 16 times. Transposes are folded into the tile loads.
 */
import type { Tensor } from '../../tensor';
import { header, u, type GpuProgram } from './program';

const TILE = 16;

export function matmulProgram(a: Tensor, b: Tensor, out: Tensor, transA: boolean, transB: boolean): GpuProgram {
  const [m, n] = out.shape;
  const k = transA ? a.shape[0] : a.shape[1];
  // op(A)[row, p] and op(B)[p, col] as flat indices
  const aAt = transA ? `p * ${u(m)} + row` : `row * ${u(k)} + p`;
  const bAt = transB ? `col * ${u(k)} + p` : `p * ${u(n)} + col`;
  const tiles = Math.ceil(k / TILE);
  return {
    key: `matmul|${m},${n},${k},${transA},${transB}`,
    workgroups: [Math.max(1, Math.ceil(n / TILE)), Math.max(1, Math.ceil(m / TILE)), 1],
    code: () => `${header(2)}
const T = ${TILE}u;
var<workgroup> As: array<f32, ${TILE * TILE}>;
var<workgroup> Bs: array<f32, ${TILE * TILE}>;
@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let r = wid.y * T + lid.y;
  let c = wid.x * T + lid.x;
  var acc = 0.0;
  for (var t = 0u; t < ${u(tiles)}; t++) {
    {
      let row = r;
      let p = t * T + lid.x;
      var v = 0.0;
      if (row < ${u(m)} && p < ${u(k)}) { v = x0[${aAt}]; }
      As[lid.y * T + lid.x] = v;
    }
    {
      let p = t * T + lid.y;
      let col = c;
      var v = 0.0;
      if (p < ${u(k)} && col < ${u(n)}) { v = x1[${bAt}]; }
      Bs[lid.y * T + lid.x] = v;
    }
    workgroupBarrier();
    for (var q = 0u; q < T; q++) { acc = acc + As[lid.y * T + q] * Bs[q * T + lid.x]; }
    workgroupBarrier();
  }
  if (r < ${u(m)} && c < ${u(n)}) { o[r * ${u(n)} + c] = acc; }
}`,
  };
}
