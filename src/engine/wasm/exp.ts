/**
 * exp over arrays in WebAssembly f64x2: the recurrent cells' gate squashing.
 * The fused LSTM step spends most of its time in Math.exp (five per unit,
 * 2,560 per step of the 32-unit, batch-16 benchmark, about 8 ns each); two
 * lanes of a polynomial do the same in a fraction of that.
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
import { buildModule, floatsAtLeast, I32, op, V128 } from './emit';

const LOG2E = 1.4426950408889634;
const LN2_HI = 6.9314718036912381649e-1; // ln 2 with its low 21 bits zero: k LN2_HI is exact
const LN2_LO = 1.9082149292705877e-10;
const DEGREE = 12;

// expRows params: z (f32 [rows, cols]), m (f64 [cols]), e (f64 [rows, cols]) byte addresses; rows; cols (even)
// expInPlace params: v (f64) byte address, end address
// locals after the params (5 i32 for expRows): the pointers and counters, then v128 constants and temporaries
type Emit = (...xs: number[][]) => void;

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

function expRowsBody(): number[] {
  const b: number[] = [];
  const e: Emit = (...xs) => xs.forEach((x) => b.push(...x));
  const Z = 0, M = 1, E = 2, ROWS = 3, COLS = 4;
  const PM = 5, MEND = 6, R = 7; // i32 locals
  const c = 8, X = c + CONSTANTS, K = X + 1; // v128 locals
  constants(e, c);
  // MEND = m + cols * 8
  e(op.localGet(M), op.localGet(COLS), op.i32Const(3), op.i32Shl, op.i32Add, op.localSet(MEND));
  e(op.localGet(ROWS), op.localSet(R));
  e(op.block, op.loop);
  {
    e(op.localGet(R), op.i32Const(0), op.i32Ne, [0x45], op.brIf(1));
    e(op.localGet(M), op.localSet(PM));
    e(op.loop);
    {
      // x = promote(z[0..1]) * m[0..1]
      e(op.localGet(Z), op.v128Load64Zero(0), op.f64x2PromoteLowF32x4, op.localGet(PM), op.v128Load(0), op.f64x2Mul, op.localSet(X));
      e(op.localGet(E));
      exp2Lanes(e, c, X, K);
      e(op.v128Store(0));
      e(op.localGet(Z), op.i32Const(8), op.i32Add, op.localSet(Z));
      e(op.localGet(E), op.i32Const(16), op.i32Add, op.localSet(E));
      e(op.localGet(PM), op.i32Const(16), op.i32Add, op.localTee(PM), op.localGet(MEND), op.i32LtU, op.brIf(0));
    }
    e(op.end);
    e(op.localGet(R), op.i32Const(1), op.i32Sub, op.localSet(R), op.br(0));
  }
  e(op.end, op.end);
  return b;
}

function expInPlaceBody(): number[] {
  const b: number[] = [];
  const e: Emit = (...xs) => xs.forEach((x) => b.push(...x));
  const V = 0, END = 1;
  const c = 2, X = c + CONSTANTS, K = X + 1;
  constants(e, c);
  e(op.block, op.loop);
  {
    e(op.localGet(V), op.localGet(END), op.i32LtU, [0x45], op.brIf(1));
    e(op.localGet(V), op.v128Load(0), op.localSet(X));
    e(op.localGet(V));
    exp2Lanes(e, c, X, K);
    e(op.v128Store(0));
    e(op.localGet(V), op.i32Const(16), op.i32Add, op.localSet(V), op.br(0));
  }
  e(op.end, op.end);
  return b;
}

export const expModule = () =>
  buildModule([
    { name: 'expRows', params: new Array(5).fill(I32), locals: [I32, I32, I32, ...new Array(CONSTANTS + SCRATCH).fill(V128)], body: expRowsBody() },
    { name: 'expInPlace', params: [I32, I32], locals: new Array(CONSTANTS + SCRATCH).fill(V128), body: expInPlaceBody() },
  ]);

type ExpRowsFn = (z: number, m: number, e: number, rows: number, cols: number) => void;
type ExpInPlaceFn = (v: number, end: number) => void;
let kernel: { mem: WebAssembly.Memory; f32: Float32Array; expRows: ExpRowsFn; expInPlace: ExpInPlaceFn } | null | undefined;

function load() {
  try {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const x = new WebAssembly.Instance(new WebAssembly.Module(expModule()), { env: { mem } }).exports;
    return { mem, f32: new Float32Array(mem.buffer), expRows: x.expRows as ExpRowsFn, expInPlace: x.expInPlace as ExpInPlaceFn };
  } catch {
    return null; // no SIMD here: callers use Math.exp
  }
}

/**
 * Scratch for one cell step: `e` [rows, cols] and `v` [n], f64 views on the
 * module's memory, valid until the next `expScratch`. Null where WebAssembly
 * SIMD is missing (the caller's Math.exp loop serves).
 */
export interface ExpScratch {
  /** e[r, j] = exp(m[j] z[r, j]) for z [rows, cols] f32 (z's first rows x cols values). */
  expRows(z: Float32Array): Float64Array;
  /** The n values to exponentiate in place: fill, then call expV(). */
  v: Float64Array;
  expV(): void;
}

export function expScratch(rows: number, cols: number, m: Float64Array, n: number): ExpScratch | null {
  if (kernel === undefined) kernel = typeof WebAssembly === 'undefined' ? null : load();
  if (!kernel || cols % 2 !== 0 || m.length !== cols) return null;
  const k = kernel;
  // layout in bytes: m [cols f64] | z [rows cols f32, 16-aligned] | e [rows cols f64] | v [n f64, rounded up to pairs]
  const rc = rows * cols;
  const zAt = cols * 8, eAt = zAt + Math.ceil((rc * 4) / 16) * 16, vAt = eAt + rc * 8, n2 = n + (n & 1);
  k.f32 = floatsAtLeast(k.mem, k.f32, (vAt + n2 * 8) / 4);
  const buffer = k.mem.buffer;
  new Float64Array(buffer, 0, cols).set(m);
  const e = new Float64Array(buffer, eAt, rc);
  const v = new Float64Array(buffer, vAt, n2);
  return {
    expRows: (z) => {
      k.f32.set(z.subarray(0, rc), zAt / 4);
      k.expRows(zAt, 0, eAt, rows, cols);
      return e;
    },
    v,
    expV: () => k.expInPlace(vAt, vAt + n2 * 8),
  };
}
