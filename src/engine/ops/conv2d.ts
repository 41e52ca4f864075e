/**
 * 2-D convolution (cross-correlation, as in every DL library) on NCHW tensors,
 * by im2col + matmul, with its two backward ops. Shapes: x [N, C, H, W],
 * w [O, C, KH, KW] -> y [N, O, OH, OW] with
 * OH = floor((H + 2 ph - dh (KH - 1) - 1) / sh) + 1 (likewise OW).
 */
import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { needsGrad } from './lift';
import { gemm, scratchBuf } from '../backends/gemm';
import { KeptForBackward } from './keptForBackward';

export interface Conv2dAttrs {
  stride: [number, number];
  pad: [number, number];
  dilation: [number, number];
}

/** Output spatial size of a convolution (the formula the convolution lesson shows). */
export function convOutSize(inSize: number, k: number, stride: number, pad: number, dilation: number): number {
  return Math.floor((inSize + 2 * pad - dilation * (k - 1) - 1) / stride) + 1;
}

function outShape(x: Shape, w: Shape, a: Conv2dAttrs): number[] {
  if (x.length !== 4 || w.length !== 4) throw new Error('conv2d needs x [N,C,H,W] and w [O,C,KH,KW]');
  if (x[1] !== w[1]) throw new Error(`conv2d: x has ${x[1]} channels, w expects ${w[1]}`);
  const oh = convOutSize(x[2], w[2], a.stride[0], a.pad[0], a.dilation[0]);
  const ow = convOutSize(x[3], w[3], a.stride[1], a.pad[1], a.dilation[1]);
  if (oh < 1 || ow < 1) throw new Error('conv2d: kernel larger than padded input');
  return [x[0], w[0], oh, ow];
}


interface Geo {
  C: number;
  H: number;
  W: number;
  KH: number;
  KW: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
}
function geo(x: Shape, w: Shape, y: Shape, a: Conv2dAttrs): Geo {
  return {
    C: x[1], H: x[2], W: x[3], KH: w[2], KW: w[3], OH: y[2], OW: y[3],
    sh: a.stride[0], sw: a.stride[1], ph: a.pad[0], pw: a.pad[1], dh: a.dilation[0], dw: a.dilation[1],
  };
}

/** The first output column ow whose input column iw0 + ow sw is at least 0. */
function firstInside(iw0: number, sw: number, OW: number): number {
  return Math.min(OW, iw0 >= 0 ? 0 : Math.ceil(-iw0 / sw));
}
/** One past the last output column ow whose input column iw0 + ow sw is below W. */
function endInside(iw0: number, sw: number, W: number, OW: number, lo: number): number {
  return Math.max(lo, Math.min(OW, Math.ceil((W - iw0) / sw)));
}

/** cols[co + ((c KH + kh) KW + kw) OH OW + oh OW + ow] = x[c, oh sh - ph + kh dh, ow sw - pw + kw dw] (0 outside). */
function im2col(x: Float32Array, xo: number, g: Geo, cols: Float32Array, co: number): void {
  const { C, H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw } = g;
  const ohw = OH * OW;
  let r = 0;
  for (let c = 0; c < C; c++) {
    const xc = xo + c * H * W;
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++, r++) {
        const base = co + r * ohw;
        const iw0 = kw * dw - pw;
        // the columns whose input lies inside a row, found once per kernel column:
        // no bounds test per element, and no allocation in the loop
        const lo = firstInside(iw0, sw, OW);
        const hi = endInside(iw0, sw, W, OW, lo);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + kh * dh;
          const ro = base + oh * OW;
          if (ih < 0 || ih >= H) {
            cols.fill(0, ro, ro + OW);
            continue;
          }
          const s = xc + ih * W + iw0;
          for (let ow = 0; ow < lo; ow++) cols[ro + ow] = 0;
          if (sw === 1) for (let ow = lo; ow < hi; ow++) cols[ro + ow] = x[s + ow];
          else for (let ow = lo; ow < hi; ow++) cols[ro + ow] = x[s + ow * sw];
          for (let ow = hi; ow < OW; ow++) cols[ro + ow] = 0;
        }
      }
    }
  }
}

/** Adds cols back into dx (the transpose of im2col). */
function col2im(cols: Float32Array, g: Geo, dx: Float32Array, xo: number): void {
  const { C, H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw } = g;
  const ohw = OH * OW;
  let r = 0;
  for (let c = 0; c < C; c++) {
    const xc = xo + c * H * W;
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++, r++) {
        const base = r * ohw;
        const iw0 = kw * dw - pw;
        const lo = firstInside(iw0, sw, OW);
        const hi = endInside(iw0, sw, W, OW, lo);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + kh * dh;
          if (ih < 0 || ih >= H) continue;
          const ro = base + oh * OW;
          const s = xc + ih * W + iw0;
          if (sw === 1) for (let ow = lo; ow < hi; ow++) dx[s + ow] += cols[ro + ow];
          else for (let ow = lo; ow < hi; ow++) dx[s + ow * sw] += cols[ro + ow];
        }
      }
    }
  }
}

/** The forward pass's im2col for the filter gradient (rebuilding it was the largest part of a digits-CNN step). */
const keptCols = new KeptForBackward((n) => new Float32Array(n));
const geoKey = (g: Geo, N: number) => `${N}:${g.C},${g.H},${g.W},${g.KH},${g.KW},${g.OH},${g.OW},${g.sh},${g.sw},${g.ph},${g.pw},${g.dh},${g.dw}`;

export const conv2dOp: OpDef<Conv2dAttrs> = {
  name: 'conv2d',
  shape: ([x, w], a) => outShape(x, w, a),
  vjp: (g, [x, w], _out, a) => [
    needsGrad(x) ? conv2dGradInput(g, w, x.shape, a) : null,
    needsGrad(w) ? conv2dGradFilter(x, g, w.shape, a) : null,
  ],
  cpu: ([tx, tw], out, a) => {
    const x = buf(tx);
    const w = buf(tw);
    const y = buf(out);
    const g = geo(tx.shape, tw.shape, out.shape, a);
    const N = tx.shape[0];
    const O = tw.shape[0];
    const K = g.C * g.KH * g.KW;
    const ohw = g.OH * g.OW;
    const cols = keptCols.claim(tx.id, geoKey(g, N), N * K * ohw);
    for (let n = 0; n < N; n++) {
      im2col(x, n * g.C * g.H * g.W, g, cols, n * K * ohw);
      // y[n] [O, OHW] = w [O, K] . cols [K, OHW]
      gemm(w, 0, false, cols, n * K * ohw, false, y, n * O * ohw, O, ohw, K, false);
    }
  },
};

interface GradInputAttrs extends Conv2dAttrs {
  xShape: Shape;
}
/** dx of conv2d: col2im(w^T g) per example. Inputs [g, w]. */
export const conv2dGradInputOp: OpDef<GradInputAttrs> = {
  name: 'conv2dGradInput',
  shape: (_s, { xShape }) => xShape,
  cpu: ([tg, tw], out, a) => {
    const gy = buf(tg);
    const w = buf(tw);
    const dx = buf(out);
    const g = geo(out.shape, tw.shape, tg.shape, a);
    const N = out.shape[0];
    const O = tw.shape[0];
    const K = g.C * g.KH * g.KW;
    const ohw = g.OH * g.OW;
    const cols = scratchBuf(4, K * ohw);
    dx.fill(0);
    for (let n = 0; n < N; n++) {
      // cols [K, OHW] = w^T [K, O] . g[n] [O, OHW]
      gemm(w, 0, true, gy, n * O * ohw, false, cols, 0, K, ohw, O, false);
      col2im(cols, g, dx, n * g.C * g.H * g.W);
    }
  },
};

interface GradFilterAttrs extends Conv2dAttrs {
  wShape: Shape;
}
/** dw of conv2d: sum over examples of g im2col(x)^T. Inputs [x, g]. */
export const conv2dGradFilterOp: OpDef<GradFilterAttrs> = {
  name: 'conv2dGradFilter',
  shape: (_s, { wShape }) => wShape,
  cpu: ([tx, tg], out, a) => {
    const x = buf(tx);
    const gy = buf(tg);
    const dw = buf(out);
    const g = geo(tx.shape, out.shape, tg.shape, a);
    const N = tx.shape[0];
    const O = out.shape[0];
    const K = g.C * g.KH * g.KW;
    const ohw = g.OH * g.OW;
    const kept = keptCols.find(tx.id, geoKey(g, N));
    const cols = kept ?? scratchBuf(2, K * ohw);
    for (let n = 0; n < N; n++) {
      if (!kept) im2col(x, n * g.C * g.H * g.W, g, cols, 0);
      // dw [O, K] += g[n] [O, OHW] . cols^T with cols [K, OHW]
      gemm(gy, n * O * ohw, false, cols, kept ? n * K * ohw : 0, true, dw, 0, O, K, ohw, n > 0);
    }
  },
};

export interface ConvOptions {
  stride?: number | [number, number];
  pad?: number | [number, number];
  dilation?: number | [number, number];
}
const pair = (v: number | [number, number] | undefined, d: number): [number, number] =>
  v === undefined ? [d, d] : typeof v === 'number' ? [v, v] : v;

/** y = x (*) w on NCHW with w [O, C, KH, KW]; stride, zero padding and dilation per axis. */
export function conv2d(x: Tensor, w: Tensor, opts: ConvOptions = {}): Tensor {
  return apply(conv2dOp, [x, w], { stride: pair(opts.stride, 1), pad: pair(opts.pad, 0), dilation: pair(opts.dilation, 1) });
}
export function conv2dGradInput(g: Tensor, w: Tensor, xShape: Shape, a: Conv2dAttrs): Tensor {
  return apply(conv2dGradInputOp, [g, w], { ...a, xShape });
}
export function conv2dGradFilter(x: Tensor, g: Tensor, wShape: Shape, a: Conv2dAttrs): Tensor {
  return apply(conv2dGradFilterOp, [x, g], { ...a, wShape });
}
