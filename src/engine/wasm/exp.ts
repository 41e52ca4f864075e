/**
 * The recurrent cells' gate squashing (sigmoid, tanh) over arrays in WebAssembly f64x2.
 * The fused LSTM step spends most of its time in Math.exp (five per unit,
 * 2,560 per step of the 32-unit, batch-16 benchmark, about 8 ns each) and
 * the divisions of 1 / (1 + e); two lanes of a polynomial exp and of divpd
 * do the same in a fraction of that.
 *
 * Why f64, not f32x4: the cell computes its gates in f64 and rounds once to
 * f32, and Math.exp is accurate to within an ulp of f64. This exp is within
 * 4.3e-16 relative of Math.exp (test/ops/wasmExp.test.ts), so the f32 results it
 * feeds are the bits the Math.exp path gives (none differ in the test's
 * 200,000 sigmoids and tanhs; a seeded 300-step LSTM run ended with the same
 * weights bit for bit) and a seeded run keeps its trajectory.
 *
 * exp(x): x clamped to [-708, 709] (exp there is still a normal f64; every
 * gate formula gives the same f32 at the clamp as at +-Infinity; NaN stays
 * NaN), k = nearest(x log2 e), r = x - k ln2 (ln2 in two parts, k ln2_hi
 * exact), exp(r) by Taylor to degree 12 (|r| <= ln2 / 2: truncation below
 * 2e-16), times 2^k built in the exponent bits. Only plain SIMD instructions
 * that map to one x64 instruction each (no nearest, min/max or float-to-int
 * conversions, which V8 expands into sequences).
 */
import { assemble, buildModule, floatsAtLeast, I32, op, V128, type Emit } from './emit';

const LOG2E = 1.4426950408889634;
const LN2_HI = 6.9314718036912381649e-1; // ln 2 with its low 21 bits zero: k LN2_HI is exact
const LN2_LO = 1.9082149292705877e-10;
const DEGREE = 12;

// expRows params: z (f32 [rows, cols]), m (f64 [cols]), e (f64 [rows, cols]) byte addresses; rows; cols (even)
// expInPlace params: v (f64) byte address, end address
// locals after the params (5 i32 for expRows): the pointers and counters, then v128 constants and temporaries

/** The constants in v128 locals from `first`: LO, HI, LOG2E, LN2_HI, LN2_LO, 1023 (i64), 1.5 2^52, then 1/n! for n = 0..DEGREE. */
function constants(e: Emit, first: number): void {
  const f64s = [-708, 709, LOG2E, LN2_HI, LN2_LO];
  f64s.forEach((v, i) => e(op.f64Const(v), op.f64x2Splat, op.localSet(first + i)));
  e(op.i64Const(1023), op.i64x2Splat, op.localSet(first + 5));
  e(op.f64Const(1.5 * 2 ** 52), op.f64x2Splat, op.localSet(first + 6));
  let f = 1;
  for (let n = 0; n <= DEGREE; n++) {
    if (n > 0) f *= n;
    e(op.f64Const(1 / f), op.f64x2Splat, op.localSet(first + 7 + n));
  }
}
const CONSTANTS = 7 + DEGREE + 1;

/**
 * exp of the f64x2 in local x, left on the stack; k, r and the powers r^2, r^4, r^8 are scratch v128
 * locals (k, k + 1, ... k + 4). The polynomial by Estrin's scheme: Horner's 24 dependent steps measured
 * about 17 cycles an exp (latency bound); the same terms as a tree of depth 4 run several at a time.
 */
function exp2Lanes(e: Emit, c: number, x: number, k: number): void {
  const LO = c, HI = c + 1, L2E = c + 2, HI2 = c + 3, LO2 = c + 4, BIAS = c + 5, SHIFT = c + 6, T = (n: number) => c + 7 + n;
  const r = k + 1, pow = (h: number) => k + 1 + Math.log2(h); // r^1, r^2, r^4, r^8
  const kd = k + 5;
  // pmax/pmin: one instruction each, and a NaN x stays NaN
  e(op.localGet(x), op.localGet(LO), op.f64x2Pmax, op.localGet(HI), op.f64x2Pmin, op.localSet(x));
  // kd = x log2e + 1.5 2^52: the add rounds to the nearest integer k (ties to even), held in kd's low bits
  e(op.localGet(x), op.localGet(L2E), op.f64x2Mul, op.localGet(SHIFT), op.f64x2Add, op.localSet(kd));
  e(op.localGet(kd), op.localGet(SHIFT), op.f64x2Sub, op.localSet(k));
  e(op.localGet(x), op.localGet(k), op.localGet(HI2), op.f64x2Mul, op.f64x2Sub, op.localGet(k), op.localGet(LO2), op.f64x2Mul, op.f64x2Sub, op.localSet(r));
  for (let h = 2; h <= 8; h *= 2) e(op.localGet(pow(h / 2)), op.localGet(pow(h / 2)), op.f64x2Mul, op.localSet(pow(h)));
  // sum of T(n) r^(n - from) for n in [from, to): the low half plus r^h times the high half
  const estrin = (from: number, to: number): void => {
    if (to - from === 1) return e(op.localGet(T(from)));
    let h = 1;
    while (2 * h < to - from) h *= 2;
    estrin(from, from + h);
    estrin(from + h, to);
    e(op.localGet(pow(h)), op.f64x2Mul, op.f64x2Add);
  };
  estrin(0, DEGREE + 1);
  // times 2^k: (bits(kd) + 1023) << 52 keeps the low 12 bits of k + 1023 (kd's other low bits are 0) in the exponent
  e(op.localGet(kd), op.localGet(BIAS), op.i64x2Add, op.i32Const(52), op.i64x2Shl, op.f64x2Mul);
}
const SCRATCH = 7; // x, k, r, r^2, r^4, r^8, kd

function squashRowsBody(): number[] {
  return assemble((e) => {
    const Z = 0, M = 1, S = 2, ROWS = 3, COLS = 4;
    const PM = 5, MEND = 6, R = 7, COLS8 = 8; // i32 locals
    const c = 9, X = c + CONSTANTS, K = X + 1; // v128 locals
    const ONE = c + 7; // the Taylor constant 1/0!
    constants(e, c);
    // COLS8 = cols * 8 (the distance from m to p and from p to q); MEND = m + COLS8
    e(op.localGet(COLS), op.i32Const(3), op.i32Shl, op.localSet(COLS8));
    e(op.localGet(M), op.localGet(COLS8), op.i32Add, op.localSet(MEND));
    e(op.localGet(ROWS), op.localSet(R));
    e(op.block, op.loop);
    {
      e(op.localGet(R), op.i32Const(0), op.i32Ne, [0x45], op.brIf(1));
      e(op.localGet(M), op.localSet(PM));
      e(op.loop);
      {
        // x = promote(z[0..1]) * m[0..1]; s = p + q / (exp(x) + 1)
        e(op.localGet(Z), op.v128Load64Zero(0), op.f64x2PromoteLowF32x4, op.localGet(PM), op.v128Load(0), op.f64x2Mul, op.localSet(X));
        e(op.localGet(S));
        e(op.localGet(PM), op.localGet(COLS8), op.i32Add, op.v128Load(0));
        e(op.localGet(PM), op.localGet(COLS8), op.i32Add, op.localGet(COLS8), op.i32Add, op.v128Load(0));
        exp2Lanes(e, c, X, K);
        e(op.localGet(ONE), op.f64x2Add, op.f64x2Div, op.f64x2Add);
        e(op.v128Store(0));
        e(op.localGet(Z), op.i32Const(8), op.i32Add, op.localSet(Z));
        e(op.localGet(S), op.i32Const(16), op.i32Add, op.localSet(S));
        e(op.localGet(PM), op.i32Const(16), op.i32Add, op.localTee(PM), op.localGet(MEND), op.i32LtU, op.brIf(0));
      }
      e(op.end);
      e(op.localGet(R), op.i32Const(1), op.i32Sub, op.localSet(R), op.br(0));
    }
    e(op.end, op.end);
  });
}

/**
 * In place over f64 pairs from v to end: v <- exp(v), or with `tanhHalf`
 * v <- 1 + (-2) / (exp(v) + 1) = tanh(v / 2) (the cells put 2 c there).
 */
function inPlaceBody(tanhHalf: boolean): number[] {
  return assemble((e) => {
    const V = 0, END = 1;
    const c = 2, X = c + CONSTANTS, K = X + 1, NEG2 = X + SCRATCH;
    const ONE = c + 7;
    constants(e, c);
    if (tanhHalf) e(op.f64Const(-2), op.f64x2Splat, op.localSet(NEG2));
    e(op.block, op.loop);
    {
      e(op.localGet(V), op.localGet(END), op.i32LtU, [0x45], op.brIf(1));
      e(op.localGet(V), op.v128Load(0), op.localSet(X));
      e(op.localGet(V));
      if (tanhHalf) e(op.localGet(ONE), op.localGet(NEG2));
      exp2Lanes(e, c, X, K);
      if (tanhHalf) e(op.localGet(ONE), op.f64x2Add, op.f64x2Div, op.f64x2Add);
      e(op.v128Store(0));
      e(op.localGet(V), op.i32Const(16), op.i32Add, op.localSet(V), op.br(0));
    }
    e(op.end, op.end);
  });
}

export const squashModule = () =>
  buildModule([
    { name: 'squashRows', params: new Array(5).fill(I32), locals: [I32, I32, I32, I32, ...new Array(CONSTANTS + SCRATCH).fill(V128)], body: squashRowsBody() },
    { name: 'tanhHalf', params: [I32, I32], locals: new Array(CONSTANTS + SCRATCH + 1).fill(V128), body: inPlaceBody(true) },
    { name: 'expInPlace', params: [I32, I32], locals: new Array(CONSTANTS + SCRATCH + 1).fill(V128), body: inPlaceBody(false) },
  ]);

type SquashRowsFn = (z: number, m: number, s: number, rows: number, cols: number) => void;
type InPlaceFn = (v: number, end: number) => void;
let kernel: { mem: WebAssembly.Memory; f32: Float32Array; squashRows: SquashRowsFn; tanhHalf: InPlaceFn; expInPlace: InPlaceFn } | null | undefined;

function load() {
  try {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const x = new WebAssembly.Instance(new WebAssembly.Module(squashModule()), { env: { mem } }).exports;
    return { mem, f32: new Float32Array(mem.buffer), squashRows: x.squashRows as SquashRowsFn, tanhHalf: x.tanhHalf as InPlaceFn, expInPlace: x.expInPlace as InPlaceFn };
  } catch {
    return null; // no SIMD here: callers use Math.exp
  }
}

/**
 * Per column j of a gate block: s = p_j + q_j / (exp(m_j z) + 1). A sigmoid is
 * (m, p, q) = (-1, 0, 1): 1 / (1 + e^-z); a tanh is (2, 1, -2): 1 - 2 / (e^2z + 1);
 * (0, 0, 0) gives 0 (a column not squashed yet). Each is the JS formula's bits:
 * 1 + e = e + 1, 0 + y = y, 1 + (-2) / d = 1 - 2 / d.
 */
export interface Squash {
  m: Float64Array;
  p: Float64Array;
  q: Float64Array;
}
const KINDS = { sigmoid: [-1, 0, 1], tanh: [2, 1, -2], none: [0, 0, 0] } as const;
export function squashColumns(blocks: [keyof typeof KINDS, number][]): Squash {
  const cols = blocks.reduce((t, [, n]) => t + n, 0);
  const sq = { m: new Float64Array(cols), p: new Float64Array(cols), q: new Float64Array(cols) };
  let j = 0;
  for (const [kind, n] of blocks) {
    const [m, p, q] = KINDS[kind];
    sq.m.fill(m, j, j + n);
    sq.p.fill(p, j, j + n);
    sq.q.fill(q, j, j + n);
    j += n;
  }
  return sq;
}

/**
 * Scratch for one cell step, f64 views on the module's memory valid until the
 * next `gateScratch`. Null where WebAssembly SIMD is missing (the caller's
 * Math.exp loop serves).
 */
export interface GateScratch {
  /** The squashed gates [rows, cols] of z [rows, cols] (z's first rows x cols values). */
  squashRows(z: Float32Array): Float64Array;
  /** n values for tanhHalf: fill with 2 c, then call tanhHalf() for tanh(c) = 1 - 2 / (e^2c + 1). */
  v: Float64Array;
  tanhHalf(): void;
}

export function gateScratch(rows: number, sq: Squash, n: number): GateScratch | null {
  const cols = sq.m.length;
  if (kernel === undefined) kernel = typeof WebAssembly === 'undefined' ? null : load();
  if (!kernel || cols % 2 !== 0) return null;
  const k = kernel;
  // layout in bytes: m | p | q [cols f64 each] | z [rows cols f32, 16-aligned] | s [rows cols f64] | v [n f64, rounded up to pairs]
  const rc = rows * cols;
  const zAt = 3 * cols * 8, sAt = zAt + Math.ceil((rc * 4) / 16) * 16, vAt = sAt + rc * 8, n2 = n + (n & 1);
  k.f32 = floatsAtLeast(k.mem, k.f32, (vAt + n2 * 8) / 4);
  const buffer = k.mem.buffer;
  new Float64Array(buffer, 0, cols).set(sq.m);
  new Float64Array(buffer, cols * 8, cols).set(sq.p);
  new Float64Array(buffer, 2 * cols * 8, cols).set(sq.q);
  const s = new Float64Array(buffer, sAt, rc);
  const v = new Float64Array(buffer, vAt, n2);
  return {
    squashRows: (z) => {
      k.f32.set(z.subarray(0, rc), zAt / 4);
      k.squashRows(zAt, 0, sAt, rows, cols);
      return s;
    },
    v,
    tanhHalf: () => k.tanhHalf(vAt, vAt + n2 * 8),
  };
}

/** Elements per call of the elementwise tanh and its gradient (f64: 64 KB of the module's memory). */
const RUN = 8192;
/** Below this many elements Math.exp's loop is as quick as the call and the copies. */
const TANH_MIN = 64;

/**
 * Runs an in-place kernel over n values in runs of RUN: `fill` writes a run's
 * arguments into v[0, c), the kernel transforms them, `read` uses the results.
 * False (nothing written) when n is small or WebAssembly SIMD is missing.
 */
function inRuns(n: number, kernelFn: 'tanhHalf' | 'expInPlace', fill: (v: Float64Array, i0: number, c: number) => void, read: (v: Float64Array, i0: number, c: number) => void): boolean {
  if (n < TANH_MIN) return false;
  if (kernel === undefined) kernel = typeof WebAssembly === 'undefined' ? null : load();
  if (!kernel) return false;
  kernel.f32 = floatsAtLeast(kernel.mem, kernel.f32, 2 * RUN);
  const v = new Float64Array(kernel.mem.buffer, 0, RUN);
  for (let i0 = 0; i0 < n; i0 += RUN) {
    const c = Math.min(RUN, n - i0);
    fill(v, i0, c);
    if (c & 1) v[c] = 0; // the kernel works in pairs
    kernel[kernelFn](0, (c + (c & 1)) * 8);
    read(v, i0, c);
  }
  return true;
}

/**
 * out = tanh(x) with ops/tanh.ts's formula (x itself for |x| < 1e-4, else
 * 1 - 2 / (e^2x + 1) in f64), the exps two lanes at a time; false (nothing
 * written) when the array is small or WebAssembly SIMD is missing.
 */
export function wasmTanh(x: Float32Array, out: Float32Array): boolean {
  return inRuns(
    out.length,
    'tanhHalf',
    (v, i0, c) => {
      for (let i = 0; i < c; i++) v[i] = 2 * x[i0 + i];
    },
    (v, i0, c) => {
      for (let i = 0; i < c; i++) {
        const t = x[i0 + i];
        out[i0 + i] = t > -1e-4 && t < 1e-4 ? t : v[i];
      }
    },
  );
}

/** out = g sech^2 x with ops/tanhGrad.ts's formula (e = e^-2|x|, 4 g e / (1 + e)^2), the exps in SIMD; false when small or unavailable. */
export function wasmTanhGrad(g: Float32Array, x: Float32Array, out: Float32Array): boolean {
  return inRuns(
    out.length,
    'expInPlace',
    (v, i0, c) => {
      for (let i = 0; i < c; i++) v[i] = -2 * Math.abs(x[i0 + i]);
    },
    (v, i0, c) => {
      for (let i = 0; i < c; i++) {
        const e = v[i];
        out[i0 + i] = (g[i0 + i] * 4 * e) / ((1 + e) * (1 + e));
      }
    },
  );
}
