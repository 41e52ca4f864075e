/**
 * The column matrix of a convolution (im2col) and its transpose (col2im), in
 * two layouts. conv2d.ts multiplies by it; this module only moves values.
 *
 * Plain layout, any stride: cols [K, OH OW] with K = C KH KW,
 * cols[(c KH + kh) KW + kw][oh OW + ow] = x[c, oh sh - ph + kh dh, ow sw - pw + kw dw] (0 outside).
 *
 * Wide layout, stride 1: the input is first copied into a zero-padded plane of
 * width Wp = W + 2 pw, and the outputs are computed on a grid OH x Wp, of which
 * the first OW columns are the real ones. Then each row of cols is one
 * contiguous run of the padded input, cols[r] = xp[c plane + kh dh Wp + kw dw ..][0 .. L)
 * with L = OH Wp rounded up to a multiple of 8,
 * a memmove instead of a loop per output row (im2col was the largest part of
 * a digits-CNN step). The extra columns of the output are dropped; the filter
 * gradient widens g with zeros there, so the extra columns add exact zeros to
 * its sums, in the same order as before. col2im has no wide form (one long add
 * per row ran no faster than the plain loops): conv2d.ts computes a stride-1
 * input gradient as a convolution instead.
 */

export interface Geo {
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

export interface Columns {
  /** Columns of the [K, L] matrix. */
  readonly L: number;
  /** Floats a buffer needs past an example's columns for fill's working copy. */
  readonly work: number;
  /** Whether L differs from OH OW: outputs and gradients go through [rows, L] buffers. */
  readonly wide: boolean;
  /** cols[co + r L + j] for the example at x[xo ..]; `at` (>= co + K L) is working space in cols. */
  fill(x: Float32Array, xo: number, cols: Float32Array, co: number, at: number): void;
  /** dst [rows, L] from src [rows, OH OW] at so, zeros in the extra columns. */
  widen(src: Float32Array, so: number, rows: number, dst: Float32Array): void;
  /** dst [rows, OH OW] at d from src [rows, L]. */
  narrow(src: Float32Array, rows: number, dst: Float32Array, d: number): void;
}

export function columnsFor(g: Geo): Columns {
  return g.sh === 1 && g.sw === 1 ? wideColumns(g) : plainColumns(g);
}

/** The first output column ow whose input column iw0 + ow sw is at least 0. */
function firstInside(iw0: number, sw: number, OW: number): number {
  return Math.min(OW, iw0 >= 0 ? 0 : Math.ceil(-iw0 / sw));
}
/** One past the last output column ow whose input column iw0 + ow sw is below W. */
function endInside(iw0: number, sw: number, W: number, OW: number, lo: number): number {
  return Math.max(lo, Math.min(OW, Math.ceil((W - iw0) / sw)));
}

/**
 * Visits every row (kernel tap r, output row oh) of the plain column matrix:
 * `ro` is where the row starts in cols, `s` where output column 0 would read x
 * (`inside` false when that input row lies in the padding), and output columns [lo, hi)
 * are the ones whose input lies inside the row (found once per kernel column).
 */
function eachRow(g: Geo, co: number, xo: number, visit: (ro: number, s: number, lo: number, hi: number, inside: boolean) => void): void {
  const { C, H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw } = g;
  const ohw = OH * OW;
  let r = 0;
  for (let c = 0; c < C; c++) {
    const xc = xo + c * H * W;
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++, r++) {
        const iw0 = kw * dw - pw;
        const lo = firstInside(iw0, sw, OW);
        const hi = endInside(iw0, sw, W, OW, lo);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + kh * dh;
          visit(co + r * ohw + oh * OW, xc + ih * W + iw0, lo, hi, ih >= 0 && ih < H);
        }
      }
    }
  }
}

function plainColumns(g: Geo): Columns {
  const { OH, OW, sw } = g;
  const ohw = OH * OW;
  return {
    L: ohw,
    work: 0,
    wide: false,
    fill(x, xo, cols, co) {
      eachRow(g, co, xo, (ro, s, lo, hi, inside) => {
        if (!inside) {
          cols.fill(0, ro, ro + OW);
          return;
        }
        for (let ow = 0; ow < lo; ow++) cols[ro + ow] = 0;
        for (let ow = lo; ow < hi; ow++) cols[ro + ow] = x[s + ow * sw];
        for (let ow = hi; ow < OW; ow++) cols[ro + ow] = 0;
      });
    },
    // L = OH OW: nothing to widen or narrow (conv2d.ts does not call these for it)
    widen(src, so, rows, dst) {
      dst.set(src.subarray(so, so + rows * ohw));
    },
    narrow(src, rows, dst, d) {
      dst.set(src.subarray(0, rows * ohw), d);
    },
  };
}

/** dx[xo ..] = col2im(cols[co ..]) for one example, plain layout (overwrites dx's example). */
export function col2im(g: Geo, cols: Float32Array, co: number, dx: Float32Array, xo: number): void {
  dx.fill(0, xo, xo + g.C * g.H * g.W);
  const sw = g.sw;
  eachRow(g, co, xo, (ro, s, lo, hi, inside) => {
    if (inside) for (let ow = lo; ow < hi; ow++) dx[s + ow * sw] += cols[ro + ow];
  });
}

function wideColumns(g: Geo): Columns {
  const { C, H, W, KH, KW, OH, OW, ph, pw, dh, dw } = g;
  const Wp = W + 2 * pw;
  const plane = (H + 2 * ph) * Wp;
  // OH Wp columns, rounded up to a multiple of 8: the gemm then copies cols in one memcpy
  // (the tail columns hold input values past the grid; outputs there are dropped, gradients there are 0)
  const L = (OH * Wp + 7) & ~7;
  // the last row's run ends (KW - 1) dw + L - OH Wp floats past the last plane: zeros there
  const padded = C * plane + (KW - 1) * dw + L - OH * Wp;
  /** Where row r = (c KH + kh) KW + kw of cols starts in the padded input. */
  const starts = new Int32Array(C * KH * KW);
  for (let c = 0, r = 0; c < C; c++) for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++, r++) starts[r] = c * plane + kh * dh * Wp + kw * dw;
  return {
    L,
    work: padded,
    wide: L !== OH * OW,
    fill(x, xo, cols, co, at) {
      cols.fill(0, at, at + padded);
      for (let c = 0; c < C; c++)
        for (let ih = 0; ih < H; ih++) {
          const s = xo + (c * H + ih) * W;
          const d = at + c * plane + (ih + ph) * Wp + pw;
          for (let iw = 0; iw < W; iw++) cols[d + iw] = x[s + iw];
        }
      for (let r = 0; r < starts.length; r++) cols.copyWithin(co + r * L, at + starts[r], at + starts[r] + L);
    },
    widen(src, so, rows, dst) {
      dst.fill(0, 0, rows * L);
      for (let i = 0; i < rows; i++)
        for (let oh = 0; oh < OH; oh++) {
          const s = so + (i * OH + oh) * OW;
          const d = i * L + oh * Wp;
          for (let j = 0; j < OW; j++) dst[d + j] = src[s + j];
        }
    },
    narrow(src, rows, dst, d) {
      for (let i = 0; i < rows; i++)
        for (let oh = 0; oh < OH; oh++) {
          const s = i * L + oh * Wp;
          const o = d + (i * OH + oh) * OW;
          for (let j = 0; j < OW; j++) dst[o + j] = src[s + j];
        }
    },
  };
}
