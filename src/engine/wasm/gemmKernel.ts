/**
 * The WebAssembly SIMD matrix-multiply kernel: C [m, n] = A [m, k] B [k, n],
 * row-major f32, m a multiple of MR (4) and n of 8. Each step of the p loop
 * loads 8 columns of one row of B and updates a 4 x 8 block of C held in eight
 * f32x4 registers. Two builds of the same kernel: with relaxed SIMD's
 * f32x4.relaxed_madd (one fused multiply-add per update where the CPU has FMA)
 * where the runtime validates it, and with a multiply then an add otherwise.
 * This module assembles and loads it; gemm.ts feeds it operands.
 */
import { buildModule, floatsAtLeast, I32, op, V128 } from './emit';
import { relaxedSimdSupported } from './features';
import { clearOperandCache } from './operandCache';
import type { GemmPool } from './threads';

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

/** The loaded kernel (call after wasmSimdAvailable() returned true). */
export function currentKernel(): Kernel {
  return kernel!;
}

/** The kernel module; `sharedMaxPages` builds it on a shared memory (for threads). */
export const gemmModule = (relaxed: boolean, sharedMaxPages?: number) =>
  buildModule(
    [{ name: 'gemm', params: new Array(9).fill(I32), locals: [...new Array(I32_LOCALS).fill(I32), ...new Array(V128_LOCALS).fill(V128)], body: kernelBody(relaxed) }],
    sharedMaxPages,
  );

export { CTRL_FLOATS } from './layout';

/** Replaces the kernel (threads.ts installs one on shared memory, and the single-thread one back). */
export function installKernel(k: Kernel | null | undefined): void {
  kernel = k;
  clearOperandCache();
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

/** The kernel's memory as floats, grown to at least `floats`. */
export function ensure(floats: number): Float32Array {
  const k = kernel!;
  return (k.f32 = floatsAtLeast(k.mem, k.f32, floats));
}

