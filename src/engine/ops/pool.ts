/**
 * Max and average pooling over NCHW windows (no padding): x [N, C, H, W] ->
 * [N, C, OH, OW] with OH = floor((H - KH) / sh) + 1. Each has a backward op.
 */
import { apply } from '../engine';
import { avgPoolGradProgram, avgPoolProgram, maxPoolGradProgram, maxPoolProgram } from '../backends/webgpu/conv';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { KeptForBackward } from './keptForBackward';

export interface PoolAttrs {
  size: [number, number];
  stride: [number, number];
}

function poolShape(x: Shape, { size, stride }: PoolAttrs): number[] {
  if (x.length !== 4) throw new Error('pooling needs x [N,C,H,W]');
  const oh = Math.floor((x[2] - size[0]) / stride[0]) + 1;
  const ow = Math.floor((x[3] - size[1]) / stride[1]) + 1;
  if (oh < 1 || ow < 1) throw new Error('pooling window larger than input');
  return [x[0], x[1], oh, ow];
}

/**
 * idx[k] = flat input index of the (first) maximum of output window k, for
 * every window of every plane, in output order.
 */
function argmaxes(x: Float32Array, N: number, C: number, H: number, W: number, OH: number, OW: number, a: PoolAttrs, idx: Int32Array): void {
  const [kh, kw] = a.size;
  const [sh, sw] = a.stride;
  let k = 0;
  for (let p = 0; p < N * C; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++) {
      const r0 = base + oh * sh * W;
      for (let ow = 0; ow < OW; ow++, k++) {
        const w0 = r0 + ow * sw;
        let best = w0;
        let m = x[w0];
        for (let i = 0; i < kh; i++) {
          const r = w0 + i * W;
          for (let j = 0; j < kw; j++) {
            // a select without a branch (a compare's result as a number): the winner is
            // random in each window, so a branch here mispredicted about half the time
            const v = x[r + j];
            const t = +(v > m);
            best += (r + j - best) * t;
            m = t ? v : m;
          }
        }
        idx[k] = best;
      }
    }
  }
}

/** The arg-max indices, kept from the forward pass for the backward op. */
const keptArgmax = new KeptForBackward((n) => new Int32Array(n));
const poolKey = (x: Shape, a: PoolAttrs) => `${x}|${a.size}|${a.stride}`;

export const maxPool2dOp: OpDef<PoolAttrs> = {
  name: 'maxPool2d',
  shape: ([x], a) => poolShape(x, a),
  vjp: (g, [x], _out, a) => [apply(maxPool2dGradOp, [x, g], a)],
  cpu: ([tx], out, a) => {
    const x = buf(tx);
    const y = buf(out);
    const [N, C, H, W] = tx.shape;
    const [, , OH, OW] = out.shape;
    const idx = keptArgmax.claim(tx.id, poolKey(tx.shape, a), y.length);
    argmaxes(x, N, C, H, W, OH, OW, a, idx);
    for (let k = 0; k < y.length; k++) y[k] = x[idx[k]];
  },
  webgpu: ([x], out, a) => maxPoolProgram(x, out, a),
  cases: [
    opCase('maxPool2d 2x2 [2,3,6,6]', [S(2, 3, 6, 6)], (x) => maxPool2d(x, 2)),
    opCase('maxPool2d 3x2 s1,2 overlapping [1,2,7,6]', [S(1, 2, 7, 6)], (x) => maxPool2d(x, [3, 2], [1, 2])),
  ],
};

/** Routes g to each window's arg-max. Inputs [x, g]. */
export const maxPool2dGradOp: OpDef<PoolAttrs> = {
  name: 'maxPool2dGrad',
  shape: ([x]) => x,
  cpu: ([tx, tg], out, a) => {
    const g = buf(tg);
    const dx = buf(out);
    const [N, C, H, W] = tx.shape;
    const [, , OH, OW] = tg.shape;
    let idx = keptArgmax.find(tx.id, poolKey(tx.shape, a));
    if (!idx) argmaxes(buf(tx), N, C, H, W, OH, OW, a, (idx = new Int32Array(g.length)));
    dx.fill(0);
    for (let k = 0; k < g.length; k++) dx[idx[k]] += g[k];
  },
  webgpu: ([x, g], out, a) => maxPoolGradProgram(x, g, out, a),
  cases: [opCase('maxPool2dGrad 2x2', [S(2, 3, 6, 6), S(2, 3, 3, 3)], (x, g) => apply(maxPool2dGradOp, [x, g], { size: [2, 2], stride: [2, 2] }))],
};

export const avgPool2dOp: OpDef<PoolAttrs> = {
  name: 'avgPool2d',
  shape: ([x], a) => poolShape(x, a),
  vjp: (g, [x], _out, a) => [apply(avgPool2dGradOp, [g], { ...a, xShape: x.shape })],
  cpu: ([tx], out, { size, stride }) => {
    const x = buf(tx);
    const y = buf(out);
    const [N, C, H, W] = tx.shape;
    const [, , OH, OW] = out.shape;
    const inv = 1 / (size[0] * size[1]);
    let k = 0;
    for (let p = 0; p < N * C; p++) {
      const base = p * H * W;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          let s = 0;
          for (let i = 0; i < size[0]; i++) {
            const r = base + (oh * stride[0] + i) * W + ow * stride[1];
            for (let j = 0; j < size[1]; j++) s += x[r + j];
          }
          y[k++] = s * inv;
        }
      }
    }
  },
  webgpu: ([x], out, a) => avgPoolProgram(x, out, a),
  cases: [
    opCase('avgPool2d 2x2 [2,3,6,6]', [S(2, 3, 6, 6)], (x) => avgPool2d(x, 2)),
    opCase('avgPool2d 3x2 s1,2 [1,2,7,6]', [S(1, 2, 7, 6)], (x) => avgPool2d(x, [3, 2], [1, 2])),
  ],
};

/** Spreads g evenly over each window. Inputs [g]. */
export const avgPool2dGradOp: OpDef<PoolAttrs & { xShape: Shape }> = {
  name: 'avgPool2dGrad',
  shape: (_s, { xShape }) => xShape,
  cpu: ([tg], out, { size, stride }) => {
    const g = buf(tg);
    const dx = buf(out);
    const [N, C, H, W] = out.shape;
    const [, , OH, OW] = tg.shape;
    const inv = 1 / (size[0] * size[1]);
    dx.fill(0);
    let k = 0;
    for (let p = 0; p < N * C; p++) {
      const base = p * H * W;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const v = g[k++] * inv;
          for (let i = 0; i < size[0]; i++) {
            const r = base + (oh * stride[0] + i) * W + ow * stride[1];
            for (let j = 0; j < size[1]; j++) dx[r + j] += v;
          }
        }
      }
    }
  },
  webgpu: ([g], out, a) => avgPoolGradProgram(g, out, a),
  cases: [opCase('avgPool2dGrad 3x2 s1,2', [S(1, 2, 5, 3)], (g) => apply(avgPool2dGradOp, [g], { size: [3, 2], stride: [1, 2], xShape: [1, 2, 7, 6] }))],
};

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/** Max over size x size windows moved by stride (stride defaults to size). */
export function maxPool2d(x: Tensor, size: number | [number, number], stride?: number | [number, number]): Tensor {
  return apply(maxPool2dOp, [x], { size: pair(size), stride: pair(stride ?? size) });
}
/** Mean over size x size windows moved by stride (stride defaults to size). */
export function avgPool2d(x: Tensor, size: number | [number, number], stride?: number | [number, number]): Tensor {
  return apply(avgPool2dOp, [x], { size: pair(size), stride: pair(stride ?? size) });
}
