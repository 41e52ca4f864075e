/**
 * Max and average pooling over NCHW windows (no padding): x [N, C, H, W] ->
 * [N, C, OH, OW] with OH = floor((H - KH) / sh) + 1. Each has a backward op.
 */
import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';

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

/** Flat input index of the (first) maximum of window (plane, oh, ow). */
function argmaxAt(x: Float32Array, base: number, W: number, oh: number, ow: number, a: PoolAttrs): number {
  const [kh, kw] = a.size;
  const h0 = oh * a.stride[0];
  const w0 = ow * a.stride[1];
  let best = base + h0 * W + w0;
  let m = x[best];
  for (let i = 0; i < kh; i++) {
    const r = base + (h0 + i) * W + w0;
    for (let j = 0; j < kw; j++) {
      if (x[r + j] > m) {
        m = x[r + j];
        best = r + j;
      }
    }
  }
  return best;
}

export const maxPool2dOp: OpDef<PoolAttrs> = {
  name: 'maxPool2d',
  shape: ([x], a) => poolShape(x, a),
  vjp: (g, [x], _out, a) => [apply(maxPool2dGradOp, [x, g], a)],
  cpu: ([tx], out, a) => {
    const x = buf(tx);
    const y = buf(out);
    const [N, C, H, W] = tx.shape;
    const [, , OH, OW] = out.shape;
    let k = 0;
    for (let p = 0; p < N * C; p++) {
      const base = p * H * W;
      for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) y[k++] = x[argmaxAt(x, base, W, oh, ow, a)];
    }
  },
};

/** Routes g to each window's arg-max. Inputs [x, g]. */
export const maxPool2dGradOp: OpDef<PoolAttrs> = {
  name: 'maxPool2dGrad',
  shape: ([x]) => x,
  cpu: ([tx, tg], out, a) => {
    const x = buf(tx);
    const g = buf(tg);
    const dx = buf(out);
    const [N, C, H, W] = tx.shape;
    const [, , OH, OW] = tg.shape;
    dx.fill(0);
    let k = 0;
    for (let p = 0; p < N * C; p++) {
      const base = p * H * W;
      for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) dx[argmaxAt(x, base, W, oh, ow, a)] += g[k++];
    }
  },
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
