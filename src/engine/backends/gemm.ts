import { wasmEnabled } from '../wasm/enabled';
import { materialized, wasmGemm } from '../wasm/gemm';
/**
 * The cpu backend's matrix-multiply core: C[i, j] (+)= sum_p A[i, p] B[j, p]
 * with A [m, k] and B [n, k] both row-major ("NT" form), so every inner loop
 * is a pair of contiguous dot products. A 4x4 register block keeps sixteen
 * running sums in locals (f64) and reads each loaded value four times.
 */

/** C[cOff + i ldc + j] = (acc ? C : 0) + sum_p A[aOff + i k + p] B[bOff + j k + p]. */
export function gemmNT(
  A: Float32Array, aOff: number,
  B: Float32Array, bOff: number,
  C: Float32Array, cOff: number, ldc: number,
  m: number, n: number, k: number, acc: boolean,
): void {
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = aOff + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    const c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    for (let j = 0; j < n4; j += 4) {
      const b0 = bOff + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[a0 + p], x1 = A[a1 + p], x2 = A[a2 + p], x3 = A[a3 + p];
        const y0 = B[b0 + p], y1 = B[b1 + p], y2 = B[b2 + p], y3 = B[b3 + p];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      if (acc) {
        C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02; C[c0 + j + 3] += s03;
        C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12; C[c1 + j + 3] += s13;
        C[c2 + j] += s20; C[c2 + j + 1] += s21; C[c2 + j + 2] += s22; C[c2 + j + 3] += s23;
        C[c3 + j] += s30; C[c3 + j + 1] += s31; C[c3 + j + 2] += s32; C[c3 + j + 3] += s33;
      } else {
        C[c0 + j] = s00; C[c0 + j + 1] = s01; C[c0 + j + 2] = s02; C[c0 + j + 3] = s03;
        C[c1 + j] = s10; C[c1 + j + 1] = s11; C[c1 + j + 2] = s12; C[c1 + j + 3] = s13;
        C[c2 + j] = s20; C[c2 + j + 1] = s21; C[c2 + j + 2] = s22; C[c2 + j + 3] = s23;
        C[c3 + j] = s30; C[c3 + j + 1] = s31; C[c3 + j + 2] = s32; C[c3 + j + 3] = s33;
      }
    }
    for (let j = n4; j < n; j++) {
      const b0 = bOff + j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const y = B[b0 + p];
        s0 += A[a0 + p] * y; s1 += A[a1 + p] * y; s2 += A[a2 + p] * y; s3 += A[a3 + p] * y;
      }
      if (acc) {
        C[c0 + j] += s0; C[c1 + j] += s1; C[c2 + j] += s2; C[c3 + j] += s3;
      } else {
        C[c0 + j] = s0; C[c1 + j] = s1; C[c2 + j] = s2; C[c3 + j] = s3;
      }
    }
  }
  for (let i = m4; i < m; i++) {
    const a0 = aOff + i * k;
    const c0 = cOff + i * ldc;
    for (let j = 0; j < n; j++) {
      const b0 = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a0 + p] * B[b0 + p];
      if (acc) C[c0 + j] += s;
      else C[c0 + j] = s;
    }
  }
}

/** dst[j rows + i] = src[off + i cols + j]: a [rows, cols] block transposed into dst. */
export function transposeInto(src: Float32Array, off: number, rows: number, cols: number, dst: Float32Array): void {
  for (let i = 0; i < rows; i++) {
    const s = off + i * cols;
    for (let j = 0; j < cols; j++) dst[j * rows + i] = src[s + j];
  }
}

const scratch: Float32Array[] = Array.from({ length: 8 }, () => new Float32Array(0));
/** Reusable scratch buffer `slot` of at least `size` floats (kernels never allocate per call). */
export function scratchBuf(slot: number, size: number): Float32Array {
  if (scratch[slot].length < size) scratch[slot] = new Float32Array(Math.max(size, scratch[slot].length * 2));
  return scratch[slot];
}

/**
 * A B operand that writes itself (a convolution's im2col): `write` puts the
 * operand, as stored ([k, n], or [n, k] when transposed), contiguous at
 * dst[at ..], and may use `work` floats at dst[workAt ..] as it goes. The SIMD
 * path has it write straight into the kernel's memory, which saves building
 * it elsewhere and copying it in.
 */
export interface OperandFill {
  readonly work: number;
  write(dst: Float32Array, at: number, workAt: number): void;
}

/** Work (m n k) above which the WebAssembly SIMD kernel is used when available. */
export const WASM_MIN_WORK = 16384;

/**
 * C[cOff + i n + j] (+)= sum_p opA[i, p] opB[p, j] with opA [m, k] (A stored
 * [k, m] when transA) and opB [k, n] (B stored [n, k] when transB): the one
 * entry point the matmul and conv kernels use. Picks WebAssembly SIMD for
 * large products and the JS NT core otherwise. `bKey` (optional) names B's
 * values so the SIMD path can keep its padded copy between calls: only for
 * values that do not change while the key is in use (not parameters, which
 * the optimizer updates in place).
 */
export function gemm(
  A: Float32Array, aOff: number, transA: boolean,
  B: Float32Array | OperandFill, bOff: number, transB: boolean,
  C: Float32Array, cOff: number,
  m: number, n: number, k: number, acc: boolean,
  bKey?: string,
): void {
  if (m * n * k >= WASM_MIN_WORK && wasmEnabled()) {
    wasmGemm(A, aOff, transA, B, bOff, transB, C, cOff, n, m, n, k, acc, bKey);
    return;
  }
  if (!(B instanceof Float32Array)) {
    B = materialized(B, n * k);
    bOff = 0;
  }
  let a = A;
  let ao = aOff;
  if (transA) {
    a = scratchBuf(6, m * k);
    transposeInto(A, aOff, k, m, a);
    ao = 0;
  }
  let b = B;
  let bo = bOff;
  if (!transB) {
    b = scratchBuf(7, n * k);
    transposeInto(B, bOff, k, n, b);
    bo = 0;
  }
  gemmNT(a, ao, b, bo, C, cOff, n, m, n, k, acc);
}
