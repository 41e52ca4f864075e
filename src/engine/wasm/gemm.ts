/**
 * WebAssembly SIMD matrix multiply: C [m, n] = A [m, k] B [k, n], row-major f32,
 * m a multiple of MR (4) and n of 8. Each step of the p loop loads 8 columns of one
 * row of B and updates a 4 x 8 block of C held in eight f32x4 registers.
 * Two builds of the same kernel: with relaxed SIMD's f32x4.relaxed_madd (one
 * fused multiply-add per update where the CPU has FMA) where the runtime
 * validates it, and with a multiply then an add otherwise.
 * This module is the JS side (gemmKernel.ts assembles the kernel): it copies operands into the module's memory (as they lie where the
 * kernel's strides allow: B [k, n], A [m, k] or transposed [k, m]) and copies C back.
 */
import type { OperandFill } from '../backends/gemm';
import { wasmRelaxedEnabled } from './enabled';
import { currentKernel, ensure, MR } from './gemmKernel';
import { findOperand, operandCacheEnd, rememberOperand, reserveOperand } from './operandCache';

// src/lessons/worker.ts switches the relaxed build from here (the switches' home is enabled.ts)
export { setWasmRelaxed } from './enabled';

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
    const hit = findOperand(bKey, k, n8);
    if (hit) {
      bAt = hit.at;
      ldb = hit.ldb;
    } else if ((bAt = reserveOperand(k, n8)) >= 0) {
      ldb = writeB(ensure(operandCacheEnd()), bAt, b, bOff, transB, n, k, n8);
      rememberOperand({ key: bKey, at: bAt, k, n8, ldb });
    }
  }
  // scratch after the cached operands: A [m4, k], B [k, n8] unless cached, C [m4, n8], then a fill's work
  const aAt = operandCacheEnd();
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
  const kernel = currentKernel();
  const useRelaxed = wasmRelaxedEnabled();
  const pool = kernel.pool;
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
  (useRelaxed ? kernel.relaxed! : kernel.gemm)(aAt * 4, bAt * 4, cAt * 4, m4, n8, k, ldb * 4, ra, sa);
  copyC(0, m);
}
