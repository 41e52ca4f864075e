/**
 * A tiny WebAssembly assembler: just the sections and instructions the SIMD
 * kernels use. The kernels are built from this source when the engine loads
 * (no toolchain, nothing prebuilt), and compiled synchronously in Node and in workers.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** The 8 little-endian bytes of an f64. */
const f64Bytes = (v: number) => Array.from(new Uint8Array(new Float64Array([v]).buffer));
const simd = (code: number) => [0xfd, ...uleb(code)];

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32 constants). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let more = true;
  while (more) {
    let b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) more = false;
    else b |= 0x80;
    out.push(b);
  }
  return out;
}

const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** Instruction builders (each returns its bytes). */
export const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  i32Const: (v: number) => [0x41, ...sleb(v)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32Eq: [0x46],
  i32Ne: [0x47],
  i32LtU: [0x49],
  block: [0x02, 0x40],
  if_: [0x04, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  v128Load: (offset = 0) => [0xfd, ...uleb(0), 4, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, ...uleb(11), 4, ...uleb(offset)],
  v128Zero: [0xfd, ...uleb(12), ...new Array(16).fill(0)],
  /** Loads one f32 into all four lanes (a load, not a load and a shuffle). */
  v128Load32Splat: (offset = 0) => [0xfd, ...uleb(9), 2, ...uleb(offset)],
  /** Relaxed SIMD: a * b + c, fused or not as the hardware does it (so the last bits may differ by machine). */
  f32x4RelaxedMadd: [0xfd, ...uleb(0x105)],
  f32x4Splat: [0xfd, ...uleb(19)],
  f32x4Add: [0xfd, ...uleb(228)],
  f32x4Mul: [0xfd, ...uleb(230)],
  // f64x2 and the conversions the exp kernel needs (wasm/exp.ts)
  v128And: simd(0x4e),
  /** a & ~b */
  v128AndNot: simd(0x4f),
  i32x4Neg: simd(0xa1),
  i32x4ShrS: simd(0xac),
  f64Const: (v: number) => [0x44, ...f64Bytes(v)],
  /** Loads 8 bytes into the low half (zeroing the high half). */
  v128Load64Zero: (offset = 0) => [...simd(0x5d), 3, ...uleb(offset)],
  f64x2Splat: simd(0x14),
  f64x2PromoteLowF32x4: simd(0x5f),
  f64x2Add: simd(0xf0),
  f64x2Sub: simd(0xf1),
  f64x2Mul: simd(0xf2),
  f64x2Div: simd(0xf3),
  /** b < a ? b : a (one minpd; a NaN in a stays). */
  f64x2Pmin: simd(0xf6),
  /** a < b ? b : a. */
  f64x2Pmax: simd(0xf7),
  i64x2Shl: simd(0xcb),
  i64x2Add: simd(0xce),
  i64Const: (v: number) => [0x42, ...sleb(v)],
  i64x2Splat: simd(0x12),
};

/** Appends instructions (each an array of bytes) to a function body. */
export type Emit = (...xs: number[][]) => void;

/** A function body from an emitter callback. */
export function assemble(f: (e: Emit) => void): number[] {
  const b: number[] = [];
  f((...xs) => xs.forEach((x) => b.push(...x)));
  return b;
}

export interface FuncDef {
  name: string;
  params: number[];
  /** Extra locals by type, in order after the params. */
  locals: number[];
  body: number[];
}

/**
 * A module importing memory "env.mem" and exporting `funcs` (all returning
 * nothing). `sharedMaxPages` imports a shared memory (threads) with that maximum.
 */
export function buildModule(funcs: FuncDef[], sharedMaxPages?: number): Uint8Array<ArrayBuffer> {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const limits = sharedMaxPages ? [0x03, ...uleb(1), ...uleb(sharedMaxPages)] : [0x00, ...uleb(1)];
  const imports = vec([[...str('env'), ...str('mem'), 0x02, ...limits]]);
  const fsec = vec(funcs.map((_, i) => uleb(i)));
  const exps = vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]));
  const codes = vec(
    funcs.map((f) => {
      const groups: number[][] = [];
      for (const t of f.locals) {
        const last = groups[groups.length - 1];
        if (last && last[1] === t) last[0]++;
        else groups.push([1, t]);
      }
      const body = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...f.body, 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, fsec),
    ...section(7, exps),
    ...section(10, codes),
  ]);
}

/**
 * A float view of `mem` holding at least `floats` floats: `view` itself while
 * it is large enough, else the memory grows by whole pages and a new view is
 * returned (growing detaches the old one).
 */
export function floatsAtLeast(mem: WebAssembly.Memory, view: Float32Array, floats: number): Float32Array {
  const need = floats * 4;
  if (view.byteLength >= need) return view;
  mem.grow(Math.ceil((need - view.byteLength) / 65536));
  return new Float32Array(mem.buffer);
}
