/**
 * Elementwise loops in WebAssembly SIMD over large arrays, four lanes at a
 * time, each with the bits of the JS loop it replaces:
 * - axpy: x + fround(s y), a multiply then an add (never fused): the
 *   optimizers' update (addScaled). A JS loop over the 650,000 parameters of
 *   the 784-500-500-10 network took about 1.5 ms a step.
 * - relu and its gradient: the f32 bit-pattern select of ops/f32bits.ts
 *   (x > 0 ? v : 0 as v & (((-x) & ~x) >> 31)), lane by lane.
 * - addRow: x + b with b repeated down the rows (a dense layer's bias); an f32
 *   add is the JS add of two f32 values rounded once.
 * The operands are copied into the module's memory and back in chunks that
 * stay in the core's cache (memcpy), so the JS loops' 1-1.5 ns an element
 * become about a third of that.
 */
import { assemble, buildModule, F32, floatsAtLeast, I32, op, V128, type Emit } from './emit';


/** A loop over byte addresses P (its first pointer param) stepping 16 until P reaches END; `step` emits one vector's work. */
function loop16(e: Emit, pointers: number[], end: number, step: () => void): void {
  e(op.loop);
  step();
  for (const p of pointers) e(op.localGet(p), op.i32Const(16), op.i32Add, op.localSet(p));
  e(op.localGet(pointers[0]), op.localGet(end), op.i32LtU, op.brIf(0));
  e(op.end);
}

/** ((-v) & ~v) >> 31 of the v128 on the stack: all ones in the lanes holding a value > 0. */
const positiveMask = (e: Emit, v: number) => e(op.localGet(v), op.i32x4Neg, op.localGet(v), op.v128AndNot, op.i32Const(31), op.i32x4ShrS);

// axpy(x, y, end, s): x <- x + s y
const axpy = assemble((e) => {
  const X = 0, Y = 1, END = 2, S = 3;
  loop16(e, [X, Y], END, () => e(op.localGet(X), op.localGet(X), op.v128Load(0), op.localGet(Y), op.v128Load(0), op.localGet(S), op.f32x4Splat, op.f32x4Mul, op.f32x4Add, op.v128Store(0)));
});
// relu(x, end): x <- x & mask(x)
const relu = assemble((e) => {
  const X = 0, END = 1, V = 2;
  loop16(e, [X], END, () => {
    e(op.localGet(X), op.v128Load(0), op.localSet(V), op.localGet(X), op.localGet(V));
    positiveMask(e, V);
    e(op.v128And, op.v128Store(0));
  });
});
// reluGrad(g, x, end): g <- g & mask(x)
const reluGrad = assemble((e) => {
  const G = 0, X = 1, END = 2, V = 3;
  loop16(e, [G, X], END, () => {
    e(op.localGet(X), op.v128Load(0), op.localSet(V), op.localGet(G), op.localGet(G), op.v128Load(0));
    positiveMask(e, V);
    e(op.v128And, op.v128Store(0));
  });
});
// addRow(x, b, end, bEnd): x <- x + b, b's n values repeated (x's length a multiple of n, n of 4)
const addRow = assemble((e) => {
  const X = 0, B = 1, END = 2, BEND = 3, PB = 4;
  e(op.localGet(B), op.localSet(PB));
  loop16(e, [X, PB], END, () => {
    e(op.localGet(X), op.localGet(X), op.v128Load(0), op.localGet(PB), op.v128Load(0), op.f32x4Add, op.v128Store(0));
    // at the row's end, back to b's start (the pointer step comes after this body)
    e(op.localGet(PB), op.i32Const(16), op.i32Add, op.localGet(BEND), op.i32Eq, op.if_, op.localGet(B), op.i32Const(16), op.i32Sub, op.localSet(PB), op.end);
  });
});

type Fns = {
  axpy: (x: number, y: number, end: number, s: number) => void;
  relu: (x: number, end: number) => void;
  reluGrad: (g: number, x: number, end: number) => void;
  addRow: (x: number, b: number, end: number, bEnd: number) => void;
};
let kernel: { mem: WebAssembly.Memory; f32: Float32Array; fns: Fns } | null | undefined;

function load() {
  try {
    const bytes = buildModule([
      { name: 'axpy', params: [I32, I32, I32, F32], locals: [], body: axpy },
      { name: 'relu', params: [I32, I32], locals: [V128], body: relu },
      { name: 'reluGrad', params: [I32, I32, I32], locals: [V128], body: reluGrad },
      { name: 'addRow', params: [I32, I32, I32, I32], locals: [I32], body: addRow },
    ]);
    const mem = new WebAssembly.Memory({ initial: 1 });
    const fns = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } }).exports as unknown as Fns;
    return { mem, f32: new Float32Array(mem.buffer), fns };
  } catch {
    return null; // no SIMD, or a page that may not compile WebAssembly: the JS loops serve
  }
}

/** Floats of each operand copied in at a time: 2 x 32 KB, well inside L2. */
const CHUNK = 8192;

/** Below this many elements the JS loop is as quick as the copies. */
const MIN_SIZE = 2048;

function ready(n: number): NonNullable<typeof kernel> | null {
  if (n < MIN_SIZE) return null;
  if (kernel === undefined) kernel = typeof WebAssembly === 'undefined' ? null : load();
  if (!kernel) return null;
  kernel.f32 = floatsAtLeast(kernel.mem, kernel.f32, 2 * CHUNK);
  return kernel;
}

/**
 * For chunks [i, i + c) of n elements (c a multiple of 4, `step` apart): copies x's chunk in at 0
 * (and y's at CHUNK), runs `run(c)`, copies the result out of 0 into out; the JS loop `tail` does the
 * last n % 4.
 */
function chunked(k: NonNullable<typeof kernel>, n: number, step: number, x: Float32Array, y: Float32Array | null, out: Float32Array, run: (c: number) => void, tail: (i: number) => void): void {
  const n4 = n & ~3;
  const f = k.f32;
  for (let i = 0; i < n4; i += step) {
    const c = Math.min(step, n4 - i);
    f.set(x.subarray(i, i + c), 0);
    if (y) f.set(y.subarray(i, i + c), CHUNK);
    run(c);
    out.set(f.subarray(0, c), i);
  }
  for (let i = n4; i < n; i++) tail(i);
}

/** out[i] = x[i] + fround(s y[i]); false (nothing written) when the arrays are small or WebAssembly SIMD is missing. */
export function wasmAddScaled(x: Float32Array, y: Float32Array, s: number, out: Float32Array): boolean {
  const k = ready(out.length);
  if (!k) return false;
  chunked(k, out.length, CHUNK, x, y, out, (c) => k.fns.axpy(0, CHUNK * 4, c * 4, s), (i) => (out[i] = x[i] + Math.fround(s * y[i])));
  return true;
}

/** out = relu(x) as f32 bit patterns (ops/relu.ts's select); false when small or unavailable. */
export function wasmRelu(x: Float32Array, out: Float32Array): boolean {
  const k = ready(out.length);
  if (!k) return false;
  const xb = new Int32Array(x.buffer, x.byteOffset, x.length), ob = new Int32Array(out.buffer, out.byteOffset, out.length);
  chunked(k, out.length, CHUNK, x, null, out, (c) => k.fns.relu(0, c * 4), (i) => (ob[i] = xb[i] & (((-xb[i]) & ~xb[i]) >> 31)));
  return true;
}

/** out = x > 0 ? g : 0 as f32 bit patterns (ops/reluGrad.ts's select); false when small or unavailable. */
export function wasmReluGrad(g: Float32Array, x: Float32Array, out: Float32Array): boolean {
  const k = ready(out.length);
  if (!k) return false;
  const gb = new Int32Array(g.buffer, g.byteOffset, g.length), xb = new Int32Array(x.buffer, x.byteOffset, x.length);
  const ob = new Int32Array(out.buffer, out.byteOffset, out.length);
  chunked(k, out.length, CHUNK, g, x, out, (c) => k.fns.reluGrad(0, CHUNK * 4, c * 4), (i) => (ob[i] = gb[i] & (((-xb[i]) & ~xb[i]) >> 31)));
  return true;
}

/** out = x + b with b [n] repeated down x's rows (n a multiple of 4, at most CHUNK); false otherwise. */
export function wasmAddRow(x: Float32Array, b: Float32Array, out: Float32Array): boolean {
  const n = b.length;
  if (n % 4 !== 0 || n > CHUNK || out.length % n !== 0) return false;
  const k = ready(out.length);
  if (!k) return false;
  k.f32.set(b, CHUNK);
  // whole rows per chunk, so that every chunk starts at b's start
  const step = Math.floor(CHUNK / n) * n;
  chunked(k, out.length, step, x, null, out, (c) => k.fns.addRow(0, CHUNK * 4, c * 4, (CHUNK + n) * 4), () => undefined);
  return true;
}
