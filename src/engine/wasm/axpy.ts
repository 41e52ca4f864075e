/**
 * x <- x + s y over f32 arrays in WebAssembly SIMD: the optimizers' update
 * (addScaled). A JS loop over the 650,000 parameters of the 784-500-500-10
 * network took about 1.5 ms a step; copying both arrays into the module's
 * memory and back is a memcpy, and the SIMD loop is four lanes at a time.
 * A multiply then an add (never fused), so the result has the bits of the JS
 * loop x + fround(s y).
 */
import { buildModule, F32, floatsAtLeast, I32, op } from './emit';

// params: x, y (byte addresses), end (x's end), s
const X = 0, Y = 1, END = 2, S = 3;

function body(): number[] {
  const b: number[] = [];
  const e = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  e(op.loop);
  e(op.localGet(X), op.localGet(X), op.v128Load(0), op.localGet(Y), op.v128Load(0), op.localGet(S), op.f32x4Splat, op.f32x4Mul, op.f32x4Add, op.v128Store(0));
  e(op.localGet(X), op.i32Const(16), op.i32Add, op.localSet(X));
  e(op.localGet(Y), op.i32Const(16), op.i32Add, op.localSet(Y));
  e(op.localGet(X), op.localGet(END), op.i32LtU, op.brIf(0));
  e(op.end);
  return b;
}

type AxpyFn = (x: number, y: number, end: number, s: number) => void;
let kernel: { mem: WebAssembly.Memory; f32: Float32Array; run: AxpyFn } | null | undefined;

function load() {
  try {
    const bytes = buildModule([{ name: 'axpy', params: [I32, I32, I32, F32], locals: [], body: body() }]);
    const mem = new WebAssembly.Memory({ initial: 1 });
    const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } }).exports.axpy as AxpyFn;
    return { mem, f32: new Float32Array(mem.buffer), run };
  } catch {
    return null; // no SIMD, or a page that may not compile WebAssembly: the JS loop serves
  }
}

/** Floats of x (and of y) copied in at a time: 2 x 32 KB, well inside L2. */
const CHUNK = 8192;

/** Below this many elements the JS loop is as quick as the copies. */
const MIN_SIZE = 2048;

/**
 * out[i] = x[i] + fround(s y[i]) in WebAssembly; false (nothing written) when
 * the arrays are small or the module is not available here.
 */
export function wasmAddScaled(x: Float32Array, y: Float32Array, s: number, out: Float32Array): boolean {
  const n = out.length;
  if (n < MIN_SIZE) return false;
  if (kernel === undefined) kernel = typeof WebAssembly === 'undefined' ? null : load();
  if (!kernel) return false;
  const n4 = n & ~3;
  const f = (kernel.f32 = floatsAtLeast(kernel.mem, kernel.f32, 2 * CHUNK));
  // in chunks that stay in the core's cache between the copies in, the SIMD pass and the copy out
  for (let i = 0; i < n4; i += CHUNK) {
    const c = Math.min(CHUNK, n4 - i);
    f.set(x.subarray(i, i + c), 0);
    f.set(y.subarray(i, i + c), CHUNK);
    kernel.run(0, CHUNK * 4, c * 4, s);
    out.set(f.subarray(0, c), i);
  }
  for (let i = n4; i < n; i++) out[i] = x[i] + Math.fround(s * y[i]);
  return true;
}
