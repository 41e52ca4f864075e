/**
 * 2-D convolution (cross-correlation, as in every DL library) on NCHW tensors,
 * by im2col + matmul (the column layouts are in convColumns.ts), with its two backward ops. Shapes: x [N, C, H, W],
 * w [O, C, KH, KW] -> y [N, O, OH, OW] with
 * OH = floor((H + 2 ph - dh (KH - 1) - 1) / sh) + 1 (likewise OW).
 */
import { apply } from '../engine';
import { conv2dGradFilterProgram, conv2dGradInputProgram, conv2dProgram } from '../backends/webgpu/conv';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { needsGrad } from './lift';
import { gemm, scratchBuf, type OperandFill } from '../backends/gemm';
import { col2im, columnsFor, type Columns, type Geo } from './convColumns';

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


function geo(x: Shape, w: Shape, y: Shape, a: Conv2dAttrs): Geo {
  return {
    C: x[1], H: x[2], W: x[3], KH: w[2], KW: w[3], OH: y[2], OW: y[3],
    sh: a.stride[0], sw: a.stride[1], ph: a.pad[0], pw: a.pad[1], dh: a.dilation[0], dw: a.dilation[1],
  };
}

const geoKey = (g: Geo) => `${g.C},${g.H},${g.W},${g.KH},${g.KW},${g.OH},${g.OW},${g.sh},${g.sw},${g.ph},${g.pw},${g.dh},${g.dw}`;

/** The column layout of a geometry (built once: the wide layout precomputes its row starts). */
const layouts = new Map<string, Columns>();
function layoutOf(g: Geo): Columns {
  const key = geoKey(g);
  let cl = layouts.get(key);
  if (!cl) layouts.set(key, (cl = columnsFor(g)));
  return cl;
}

/**
 * Example xo's columns [K, L] as a gemm operand: the SIMD path has them written
 * straight into its memory (no im2col buffer, no copy in); the filter gradient
 * builds them again the same way, which costs what copying kept ones would.
 */
function columnsOperand(cl: Columns, x: Float32Array, xo: number): OperandFill {
  return { work: cl.work, write: (dst, at, workAt) => cl.fill(x, xo, dst, at, workAt) };
}

/** y[n] = w [O, K] . cols(x[n]) for each example. */
function convolve(x: Float32Array, g: Geo, N: number, w: Float32Array, O: number, y: Float32Array): void {
  const cl = layoutOf(g);
  const K = g.C * g.KH * g.KW;
  const ohw = g.OH * g.OW;
  const wide = scratchBuf(5, cl.wide ? O * cl.L : 0);
  for (let n = 0; n < N; n++) {
    const cols = columnsOperand(cl, x, n * g.C * g.H * g.W);
    // y[n] [O, L] = w [O, K] . cols [K, L]
    if (!cl.wide) gemm(w, 0, false, cols, 0, false, y, n * O * ohw, O, ohw, K, false);
    else {
      gemm(w, 0, false, cols, 0, false, wide, 0, O, cl.L, K, false);
      cl.narrow(wide, O, y, n * O * ohw);
    }
  }
}

/**
 * The convolution whose output is a stride-1 convolution's input gradient:
 * over g (channels O) with the kernel flipped, padded by dh (KH - 1) - ph.
 * Null for strides above 1 or a padding wider than the kernel's reach.
 */
function transposedGeo(g: Geo, O: number): Geo | null {
  const ph = g.dh * (g.KH - 1) - g.ph;
  const pw = g.dw * (g.KW - 1) - g.pw;
  if (g.sh !== 1 || g.sw !== 1 || ph < 0 || pw < 0) return null;
  return { C: O, H: g.OH, W: g.OW, KH: g.KH, KW: g.KW, OH: g.H, OW: g.W, sh: 1, sw: 1, ph, pw, dh: g.dh, dw: g.dw };
}

/** Example n's output gradient as the gemm reads it: g[n] itself, or widened into `wide` (scratch). */
function gradRows(cl: Columns, gy: Float32Array, n: number, O: number, ohw: number, wide: Float32Array): [Float32Array, number] {
  if (!cl.wide) return [gy, n * O * ohw];
  cl.widen(gy, n * O * ohw, O, wide);
  return [wide, 0];
}

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
    convolve(x, g, N, w, O, y);
  },
  webgpu: ([x, w], out, a) => conv2dProgram(x, w, out, a),
  cases: [
    opCase('conv2d 3x3 pad 1 [2,3,6,5]*[4,3,3,3]', [S(2, 3, 6, 5), S(4, 3, 3, 3)], (x, w) => conv2d(x, w, { pad: 1 })),
    opCase('conv2d stride 2 pad 0,1 dil 1,2 [1,2,9,8]*[3,2,3,2]', [S(1, 2, 9, 8), S(3, 2, 3, 2)], (x, w) => conv2d(x, w, convS2)),
  ],
};

interface GradInputAttrs extends Conv2dAttrs {
  xShape: Shape;
}
/** dx of conv2d: a convolution of g with the flipped kernel (stride 1), else col2im(w^T g) per example. Inputs [g, w]. */
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
    const t = transposedGeo(g, O);
    if (t) {
      // stride 1: dx = g (*) w flipped, channels swapped, padded by dh (KH - 1) - ph
      const wf = scratchBuf(1, w.length);
      for (let o = 0; o < O; o++)
        for (let c = 0; c < g.C; c++)
          for (let i = 0; i < g.KH * g.KW; i++) wf[(c * O + o) * g.KH * g.KW + g.KH * g.KW - 1 - i] = w[(o * g.C + c) * g.KH * g.KW + i];
      convolve(gy, t, N, wf, g.C, dx);
      return;
    }
    const cols = scratchBuf(4, K * ohw);
    for (let n = 0; n < N; n++) {
      // cols [K, OHW] = w^T [K, O] . g[n] [O, OHW]
      gemm(w, 0, true, gy, n * O * ohw, false, cols, 0, K, ohw, O, false);
      col2im(g, cols, 0, dx, n * g.C * g.H * g.W);
    }
  },
  webgpu: ([g, w], out, a) => conv2dGradInputProgram(g, w, out, a),
  cases: [opCase('conv2dGradInput stride 2', [S(1, 3, 4, 3), S(3, 2, 3, 2)], (g, w) => conv2dGradInput(g, w, [1, 2, 9, 8], convS2))],
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
    const cl = layoutOf(g);
    const wide = scratchBuf(5, cl.wide ? O * cl.L : 0);
    for (let n = 0; n < N; n++) {
      // dw [O, K] += g[n] [O, L] . cols^T with cols [K, L]
      const [gn, go] = gradRows(cl, gy, n, O, ohw, wide);
      gemm(gn, go, false, columnsOperand(cl, x, n * g.C * g.H * g.W), 0, true, dw, 0, O, K, cl.L, n > 0);
    }
  },
  webgpu: ([x, g], out, a) => conv2dGradFilterProgram(x, g, out, a),
  cases: [opCase('conv2dGradFilter pad 1', [S(3, 2, 5, 5), S(3, 4, 5, 5)], (x, g) => conv2dGradFilter(x, g, [4, 2, 3, 3], conv1))],
};

// the op cases' geometries: stride 1 with padding; stride 2 with asymmetric padding and dilation
const conv1: Conv2dAttrs = { stride: [1, 1], pad: [1, 1], dilation: [1, 1] };
const convS2: Conv2dAttrs = { stride: [2, 2], pad: [0, 1], dilation: [1, 2] };

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
