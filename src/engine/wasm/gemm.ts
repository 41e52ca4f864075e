/**
 * WebAssembly SIMD matrix multiply: C [m, n] = A [m, k] B [k, n], row-major f32,
 * m a multiple of MR (4) and n of 8. Each step of the p loop loads 8 columns of one
 * row of B and updates a 4 x 8 block of C held in eight f32x4 registers.
 * Two builds of the same kernel: with relaxed SIMD's f32x4.relaxed_madd (one
 * fused multiply-add per update where the CPU has FMA) where the runtime
 * validates it, and with a multiply then an add otherwise.
 * The JS side copies operands into the module's memory (as they lie where the
 * kernel's strides allow: B [k, n], A [m, k] or transposed [k, m]) and copies C back.
 */
import { buildModule, floatsAtLeast, I32, op, V128 } from './emit';
import type { GemmPool } from './threads';
import type { OperandFill } from '../backends/gemm';

/**
 * Rows of C per block: MR x 8 accumulators (two f32x4 per row) stay in registers.
 * 6 (twelve accumulators, more FMAs per load) measured 15-20% slower than 4 in
 * V8 on x64: with B's two vectors and the splat it needs 15 of the 16 vector
 * registers, and the values spill. Unrolling the k loop by two was slower too.
 */
export const MR = 4;

// params: byte addresses of A, B, C; sizes m, n, k; B's row stride, A's row step and A's step along k
// (bytes). A [m, k] row-major has steps (k 4, 4); A stored transposed [k, m] has steps (4, m 4), so
// it is copied in as it lies. B's row stride may exceed n (padded) or equal it (copied as it lies).
const A = 0, B = 1, C = 2, M = 3, N = 4, K = 5, LDB = 6, RA = 7, SA = 8;
// i32 locals: loop counters, MR row pointers into A, then PB, PC, RC
const I = 9, J = 10, P = 11;
const PA = (r: number) => 12 + r;
const PB = 12 + MR, PC = 13 + MR, RC = 14 + MR;
const I32_LOCALS = 6 + MR;
// v128 locals: accumulators acc[r][h] for row r, half h; then b0, b1, s
const ACC = (r: number, h: number) => 9 + I32_LOCALS + r * 2 + h;
const B0 = 9 + I32_LOCALS + 2 * MR, B1 = B0 + 1, S = B0 + 2;
const V128_LOCALS = 2 * MR + 3;

function kernelBody(relaxed: boolean): number[] {
  const b: number[] = [];
  const e = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  // RC = n * 4 (bytes per row of C)
  e(op.localGet(N), op.i32Const(2), [...op.i32Shl], op.localSet(RC));
  e(op.i32Const(0), op.localSet(I));
  e(op.block, op.loop); // rows, by 4
  {
    e(op.localGet(I), op.localGet(M), op.i32LtU, [0x45], op.brIf(1)); // i >= m -> exit
    e(op.i32Const(0), op.localSet(J));
    e(op.block, op.loop); // columns, by 8
    {
      e(op.localGet(J), op.localGet(N), op.i32LtU, [0x45], op.brIf(1));
      for (let r = 0; r < MR; r++) for (let h = 0; h < 2; h++) e(op.v128Zero, op.localSet(ACC(r, h)));
      // PA(0) = a + i * RA; the other rows follow RA apart; PB = b + j * 4
      e(op.localGet(A), op.localGet(I), op.localGet(RA), op.i32Mul, op.i32Add, op.localSet(PA(0)));
      for (let r = 1; r < MR; r++) e(op.localGet(PA(r - 1)), op.localGet(RA), op.i32Add, op.localSet(PA(r)));
      e(op.localGet(B), op.localGet(J), op.i32Const(2), op.i32Shl, op.i32Add, op.localSet(PB));
      e(op.localGet(K), op.localSet(P));
      e(op.loop);
      {
        e(op.localGet(PB), op.v128Load(0), op.localSet(B0));
        e(op.localGet(PB), op.v128Load(16), op.localSet(B1));
        for (let r = 0; r < MR; r++) {
          e(op.localGet(PA(r)), op.v128Load32Splat(0), op.localSet(S));
          for (const [h, bv] of [[0, B0], [1, B1]]) {
            if (relaxed) e(op.localGet(S), op.localGet(bv), op.localGet(ACC(r, h)), op.f32x4RelaxedMadd, op.localSet(ACC(r, h)));
            else e(op.localGet(ACC(r, h)), op.localGet(S), op.localGet(bv), op.f32x4Mul, op.f32x4Add, op.localSet(ACC(r, h)));
          }
          e(op.localGet(PA(r)), op.localGet(SA), op.i32Add, op.localSet(PA(r)));
        }
        e(op.localGet(PB), op.localGet(LDB), op.i32Add, op.localSet(PB));
        e(op.localGet(P), op.i32Const(1), op.i32Sub, op.localTee(P), op.brIf(0));
      }
      e(op.end);
      // PC = c + (i * n + j) * 4; store the MR x 8 block
      e(op.localGet(C), op.localGet(I), op.localGet(N), op.i32Mul, op.localGet(J), op.i32Add, op.i32Const(2), op.i32Shl, op.i32Add, op.localSet(PC));
      for (let r = 0; r < MR; r++) {
        e(op.localGet(PC), op.localGet(ACC(r, 0)), op.v128Store(0));
        e(op.localGet(PC), op.localGet(ACC(r, 1)), op.v128Store(16));
        e(op.localGet(PC), op.localGet(RC), op.i32Add, op.localSet(PC));
      }
      e(op.localGet(J), op.i32Const(8), op.i32Add, op.localSet(J), op.br(0));
    }
    e(op.end, op.end);
    e(op.localGet(I), op.i32Const(MR), op.i32Add, op.localSet(I), op.br(0));
  }
  e(op.end, op.end);
  return b;
}

export type GemmFn = (a: number, b: number, c: number, m: number, n: number, k: number, ldb: number, ra: number, sa: number) => void;
export interface Kernel {
  mem: WebAssembly.Memory;
  gemm: GemmFn;
  /** The relaxed-SIMD build (same memory), where the runtime validates it. */
  relaxed: GemmFn | null;
  f32: Float32Array;
  /** Helper threads sharing `mem` (threads.ts); null: this thread does all the work. */
  pool: GemmPool | null;
}
let kernel: Kernel | null | undefined;

/** The kernel module; `sharedMaxPages` builds it on a shared memory (for threads). */
export const gemmModule = (relaxed: boolean, sharedMaxPages?: number) =>
  buildModule(
    [{ name: 'gemm', params: new Array(9).fill(I32), locals: [...new Array(I32_LOCALS).fill(I32), ...new Array(V128_LOCALS).fill(V128)], body: kernelBody(relaxed) }],
    sharedMaxPages,
  );

/** Floats at the start of memory kept for the thread pool's control block. */
export const CTRL_FLOATS = 128;

/** Replaces the kernel (threads.ts installs one on shared memory, and the single-thread one back). */
export function installKernel(k: Kernel | null | undefined): void {
  kernel = k;
  cached = [];
  cacheEnd = CTRL_FLOATS;
}

/**
 * Whether this runtime has relaxed SIMD: validates a one-instruction module
 * (Chromium 114+ and Node 22+ do; Node 20 only behind --experimental-wasm-relaxed-simd).
 */
export function relaxedSimdSupported(): boolean {
  if (typeof WebAssembly === 'undefined') return false;
  // (func (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  const probe = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b,
    0x03, 0x02, 0x01, 0x00,
    0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b,
  ]);
  try {
    return WebAssembly.validate(probe);
  } catch {
    return false;
  }
}

function load(): Kernel | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const plain = gemmModule(false);
    if (!WebAssembly.validate(plain)) return null;
    const mem = new WebAssembly.Memory({ initial: 64 });
    const inst = (bytes: Uint8Array<ArrayBuffer>) => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } }).exports.gemm as GemmFn;
    let relaxed: GemmFn | null = null;
    if (relaxedSimdSupported()) {
      const bytes = gemmModule(true);
      if (WebAssembly.validate(bytes)) relaxed = inst(bytes);
    }
    return { mem, gemm: inst(plain), relaxed, f32: new Float32Array(mem.buffer), pool: null };
  } catch {
    return null;
  }
}

/** Whether the SIMD kernel compiled here (false: the JS kernels are used). */
export function wasmSimdAvailable(): boolean {
  if (kernel === undefined) kernel = load();
  return kernel !== null;
}

/** Whether the relaxed-SIMD (fused multiply-add) build runs here. */
export function wasmRelaxedAvailable(): boolean {
  return wasmSimdAvailable() && kernel!.relaxed !== null;
}

let relaxedOff = false;
/** Turns the relaxed-SIMD build off or on (tests compare the two; results may differ in the last bits). */
export function setWasmRelaxed(on: boolean): void {
  relaxedOff = !on;
}
export function wasmRelaxedEnabled(): boolean {
  return !relaxedOff && wasmRelaxedAvailable();
}

let disabled = false;
/** Turns the SIMD path off or on (tests compare it with the JS kernel). */
export function setWasmEnabled(on: boolean): void {
  disabled = !on;
}
export function wasmEnabled(): boolean {
  return !disabled && wasmSimdAvailable();
}

function ensure(floats: number): Float32Array {
  const k = kernel!;
  return (k.f32 = floatsAtLeast(k.mem, k.f32, floats));
}

/** dst[dOff + j ld + i] = src[sOff + i stride + j] for a [rows, cols] source block, in 16 x 16 tiles to stay in cache. */
function transposeBlocked(src: Float32Array, sOff: number, rows: number, cols: number, dst: Float32Array, dOff: number, ld: number, stride = cols): void {
  for (let i0 = 0; i0 < rows; i0 += 16) {
    const i1 = Math.min(rows, i0 + 16);
    for (let j0 = 0; j0 < cols; j0 += 16) {
      const j1 = Math.min(cols, j0 + 16);
      for (let i = i0; i < i1; i++) {
        const s = sOff + i * stride;
        for (let j = j0; j < j1; j++) dst[dOff + j * ld + i] = src[s + j];
      }
    }
  }
}

/** Multiply-adds (m n k) above which a product is split over the helper threads. */
export const THREAD_MIN_WORK = 1 << 19;

/**
 * Operands kept in the module's memory between calls (the recurrent cells
 * multiply by the same packed weights at every time step): at the start of
 * memory, looked up by a key the caller promises names unchanging values.
 */
interface Cached {
  key: string;
  at: number;
  k: number;
  n8: number;
  /** Row stride of the copy, in floats. */
  ldb: number;
}
let cached: Cached[] = [];
let cacheEnd = CTRL_FLOATS;
const CACHE_MAX_FLOATS = 1 << 18;
const CACHE_MAX_ENTRIES = 4;

let fillScratch = new Float32Array(0);
/** A fill's values in a plain array (for the layouts and paths that cannot take it in place). */
export function materialized(fill: OperandFill, size: number): Float32Array {
  if (fillScratch.length < size + fill.work) fillScratch = new Float32Array(size + fill.work);
  fill.write(fillScratch, 0, size);
  return fillScratch;
}

/**
 * Copies opB to floats at `at` and returns its row stride in floats: B [k, n]
 * as it lies (the kernel's reads past column n land in the next row or the
 * scratch after it, and only feed C's padding columns), a transposed B as [k, n8].
 */
function writeB(f: Float32Array, at: number, b: Float32Array, bOff: number, transB: boolean, n: number, k: number, n8: number): number {
  if (!transB) {
    f.set(b.subarray(bOff, bOff + k * n), at);
    return n;
  }
  transposeBlocked(b, bOff, n, k, f, at, n8);
  if (n8 !== n) for (let p = 0; p < k; p++) f.fill(0, at + p * n8 + n, at + (p + 1) * n8);
  return n8;
}

/**
 * C[cOff + i ldc + j] (+)= sum_p opA[i, p] opB[p, j], where opA is A [m, k]
 * (or A stored [k, m] when transA) and opB is B [k, n] (or stored [n, k] when transB).
 * `bKey`, when given, names opB's values (they must not change while the key
 * is in use): the padded copy is made once and reused by later calls.
 */
export function wasmGemm(
  a: Float32Array, aOff: number, transA: boolean,
  b: Float32Array | OperandFill, bOff: number, transB: boolean,
  c: Float32Array, cOff: number, ldc: number,
  m: number, n: number, k: number, acc: boolean,
  bKey?: string,
): void {
  // A product whose B is stored transposed and is its largest operand (dY W^T in a backward pass) is
  // computed as its transpose, C^T = B_stored opA^T: the big B is then copied as it lies (a memcpy)
  // instead of transposed element by element, and only the small A and C go through a transpose.
  // Each element is the same sum in the same order either way, so the bits do not change.
  if (transB && bKey === undefined && n * k > m * (k + n)) product(b, bOff, false, a, aOff, !transA, c, cOff, ldc, n, m, k, acc, undefined, true);
  else product(a, aOff, transA, b, bOff, transB, c, cOff, ldc, m, n, k, acc, bKey, false);
}

/** wasmGemm's work; `outT` writes the [m, n] result transposed into C ([n, m] with row stride ldc). */
function product(
  a: Float32Array | OperandFill, aOff: number, transA: boolean,
  b: Float32Array | OperandFill, bOff: number, transB: boolean,
  c: Float32Array, cOff: number, ldc: number,
  m: number, n: number, k: number, acc: boolean,
  bKey: string | undefined, outT: boolean,
): void {
  const m4 = Math.ceil(m / MR) * MR; // rows padded to whole blocks
  const n8 = (n + 7) & ~7;
  let bAt = -1;
  let ldb = n8;
  if (bKey !== undefined && b instanceof Float32Array) {
    const hit = cached.find((e) => e.key === bKey && e.k === k && e.n8 === n8);
    if (hit) {
      bAt = hit.at;
      ldb = hit.ldb;
    }
    else if (k * n8 <= CACHE_MAX_FLOATS) {
      if (cached.length >= CACHE_MAX_ENTRIES || cacheEnd + k * n8 > CTRL_FLOATS + CACHE_MAX_FLOATS) {
        cached = [];
        cacheEnd = CTRL_FLOATS;
      }
      bAt = cacheEnd;
      cacheEnd += k * n8;
      ldb = writeB(ensure(cacheEnd), bAt, b, bOff, transB, n, k, n8);
      cached.push({ key: bKey, at: bAt, k, n8, ldb });
    }
  }
  // scratch after the cached operands: A [m4, k], B [k, n8] unless cached, C [m4, n8], then a fill's work
  const aAt = cacheEnd;
  const bScratch = aAt + m4 * k;
  const cAt = bScratch + (bAt < 0 ? k * n8 : 0);
  const workAt = cAt + m4 * n8;
  // a filled operand writes itself in place where its stored form is the kernel's layout, else
  // into a scratch array that is copied as usual
  const fillA = a instanceof Float32Array ? null : a;
  const fillB = b instanceof Float32Array ? null : b;
  const aInPlace = fillA !== null && !transA;
  const bInPlace = fillB !== null && !transB;
  const f = ensure(workAt + Math.max(aInPlace ? fillA.work : 0, bInPlace ? fillB.work : 0));
  if (fillA && !aInPlace) {
    a = materialized(fillA, m * k);
    aOff = 0;
  }
  if (fillB && !bInPlace) {
    b = materialized(fillB, n * k);
    bOff = 0;
  }
  const useRelaxed = !relaxedOff && kernel!.relaxed !== null;
  const pool = kernel!.pool;
  // A's rows [lo, hi) -> [m4, k] at aAt; a transposed A is copied whole as it lies ([k, m], see the kernel's steps)
  const copyA = (lo: number, hi: number) => {
    if (!transA) f.set((a as Float32Array).subarray(aOff + lo * k, aOff + hi * k), aAt + lo * k);
    else if (lo === 0) f.set((a as Float32Array).subarray(aOff, aOff + k * m), aAt);
  };
  // A's row step and step along k, in bytes
  const ra = transA && !aInPlace ? 4 : k * 4;
  const sa = transA && !aInPlace ? m * 4 : 4;
  // C's rows [lo, hi) out of [m4, n8] at cAt
  const copyC = (lo: number, hi: number) => {
    if (outT) {
      for (let j = 0; j < n; j++) {
        const dst = cOff + j * ldc;
        if (acc) for (let i = lo; i < hi; i++) c[dst + i] += f[cAt + i * n8 + j];
        else for (let i = lo; i < hi; i++) c[dst + i] = f[cAt + i * n8 + j];
      }
      return;
    }
    for (let i = lo; i < hi; i++) {
      const src = cAt + i * n8;
      const dst = cOff + i * ldc;
      if (acc) for (let j = 0; j < n; j++) c[dst + j] += f[src + j];
      else c.set(f.subarray(src, src + n), dst);
    }
  };
  if (bAt < 0) {
    bAt = bScratch;
    if (bInPlace) {
      fillB.write(f, bAt, workAt);
      ldb = n;
    } else ldb = writeB(f, bAt, b as Float32Array, bOff, transB, n, k, n8);
  }
  if (!transA) f.fill(0, aAt + m * k, aAt + m4 * k); // A's rows past m
  if (pool && m4 >= 2 * MR && m4 * n8 * k >= THREAD_MIN_WORK && pool.pacer.useThreads()) {
    // Row blocks of C over the threads (each element is computed the same way whichever thread
    // runs it, so the result does not depend on the count). Copies into and out of shared memory
    // are the serial part, so the helpers' rows of A go in first and their jobs are posted; this
    // thread then copies its own rows in, computes them and copies them out while they work.
    const own = Math.ceil(m4 / MR / pool.threads) * MR; // an even split measured best (a smaller own share did not help)
    if (aInPlace) fillA.write(f, aAt, workAt);
    else if (transA) copyA(0, m);
    else copyA(Math.min(own, m), m);
    const posted = pool.post(useRelaxed, aAt * 4, bAt * 4, cAt * 4, m4, n8, k, ldb * 4, ra, sa, own);
    if (!aInPlace && !transA) copyA(0, Math.min(own, m));
    const t0 = performance.now();
    pool.own(useRelaxed, aAt * 4, bAt * 4, cAt * 4, own, n8, k, ldb * 4, ra, sa);
    const t1 = performance.now();
    copyC(0, Math.min(own, m));
    const t2 = performance.now();
    pool.wait(posted);
    pool.pacer.record(t1 - t0, performance.now() - t2);
    copyC(Math.min(own, m), m);
    return;
  }
  if (aInPlace) fillA.write(f, aAt, workAt);
  else copyA(0, m);
  (useRelaxed ? kernel!.relaxed! : kernel!.gemm)(aAt * 4, bAt * 4, cAt * 4, m4, n8, k, ldb * 4, ra, sa);
  copyC(0, m);
}
