/**
 * WGSL program building blocks. Shapes and attributes are baked into the
 * source as constants (each training step repeats the same shapes, so a
 * pipeline is compiled once per op and shape and then reused); the cache key
 * is the op name plus the spec every generator is given.
 */
import { stridesOf, type Shape } from '../../shape';
import type { Tensor } from '../../tensor';

/** One compute dispatch: binding 0 is the output (read_write), 1..k the inputs (read). */
export interface GpuProgram {
  /** Pipeline cache key: equal keys must mean equal WGSL. */
  key: string;
  /** The WGSL source; called only on a cache miss. */
  code: () => string;
  /** Workgroup counts for dispatchWorkgroups. */
  workgroups: [number, number, number];
  /** Tensors bound at 1..k (defaults to the op's inputs). */
  inputs?: readonly Tensor[];
}

/** A kernel turns an op application into programs, or asks for a plain buffer copy of input 0. */
export type GpuKernel<A = any> = (inputs: readonly Tensor[], out: Tensor, attrs: A) => GpuProgram | GpuProgram[] | 'copy';

/**
 * Threads per workgroup of every 1-D program (elementwise maps, reductions,
 * convolutions, pooling): the one constant their WGSL and their grids share.
 * A power of two (the shared-memory tree reductions halve it). Matmul's 16x16
 * tile is its own 2-D shape.
 */
export const WG = 64;
const MAX_GROUPS = 65535;

/** A WGSL f32 expression for a number (inf and nan have no literal). */
export function lit(v: number): string {
  // a constant expression may not be inf or nan in WGSL: these come from helpers evaluated at run time
  if (Number.isNaN(v)) return 'nanF32()';
  if (v === Infinity) return 'infF32()';
  if (v === -Infinity) return '(-infF32())';
  const f = Math.fround(v);
  const s = String(f);
  return /[.e]/.test(s) ? `f32(${s})` : `${s}.0`;
}

export function u(v: number): string {
  return `${v >>> 0}u`;
}

/** Workgroup grid for `threads` threads in groups of `wg`: 2-D when one axis is not enough. */
export function grid(threads: number, wg = WG): { workgroups: [number, number, number]; rowStride: number } {
  const groups = Math.max(1, Math.ceil(threads / wg));
  const x = Math.min(groups, MAX_GROUPS);
  const y = Math.ceil(groups / x);
  return { workgroups: [x, y, 1], rowStride: x * wg };
}

/** Row-major strides (the engine's own rule). */
export const strides = stridesOf;

/** Strides of an input broadcast (NumPy rules) against `outShape`: 0 along broadcast axes. */
export function broadcastStrides(outShape: Shape, inShape: Shape): number[] {
  const n = outShape.length;
  const st = strides(inShape);
  return outShape.map((_, i) => {
    const j = inShape.length - n + i;
    return j < 0 || inShape[j] === 1 ? 0 : st[j];
  });
}

/** Statements that split flat index `i` into coordinates c0..c{n-1} of `shape`. */
export function coordsOf(shape: Shape, i = 'i', prefix = 'c'): string {
  const st = strides(shape);
  return shape
    .map((d, k) => {
      const q = st[k] === 1 ? i : `(${i} / ${u(st[k])})`;
      return k === 0 ? `  let ${prefix}${k} = ${q};` : `  let ${prefix}${k} = ${q} % ${u(d)};`;
    })
    .join('\n');
}

/** offset + sum_k c_k * strides[k], skipping zero strides. */
export function indexExpr(st: readonly number[], offset = 0, prefix = 'c'): string {
  const terms: string[] = [];
  if (offset) terms.push(u(offset));
  st.forEach((s, k) => {
    if (s === 1) terms.push(`${prefix}${k}`);
    else if (s !== 0) terms.push(`${prefix}${k} * ${u(s)}`);
  });
  return terms.length ? terms.join(' + ') : '0u';
}

const HELPERS = `fn infF32() -> f32 { var b = 0x7f800000u; return bitcast<f32>(b); }
fn nanF32() -> f32 { var b = 0x7fc00000u; return bitcast<f32>(b); }
`;

export function header(nInputs: number): string {
  let s = HELPERS + '@group(0) @binding(0) var<storage, read_write> o: array<f32>;\n';
  for (let k = 0; k < nInputs; k++) s += `@group(0) @binding(${k + 1}) var<storage, read> x${k}: array<f32>;\n`;
  return s;
}

/** How one input of a map program is read, in coordinates of the iteration shape. */
export interface InputRead {
  strides: number[];
  offset?: number;
  /** WGSL condition on the coordinates; where false the value is `otherwise`. */
  guard?: string;
  otherwise?: number;
}

export interface MapSpec {
  /** Shape iterated over, one thread per element. */
  shape: number[];
  inputs: InputRead[];
  /** Output index per element: contiguous in `shape` unless given. */
  out?: { strides: number[]; offset?: number };
  /** WGSL f32 expression of the input values a, b, c, ... */
  body: string;
}

const NAMES = 'abcdefgh';

/**
 * The one shared program for elementwise work (unary and binary ops with
 * broadcasting, where, movement ops): one thread per element of `shape`,
 * bounds-checked, each input read through its own strided index.
 */
export function mapProgram(name: string, spec: MapSpec, inputs?: readonly Tensor[]): GpuProgram {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const { workgroups, rowStride } = grid(n);
  const contiguous = strides(spec.shape);
  const isFlat = (r: { strides: number[]; offset?: number }) =>
    !r.offset && r.strides.length === contiguous.length && r.strides.every((s, k) => s === contiguous[k] || spec.shape[k] === 1);
  const code = () => {
    const needCoords = spec.inputs.some((r) => !isFlat(r) || r.guard) || (spec.out && !isFlat(spec.out));
    const reads = spec.inputs
      .map((r, k) => {
        const idx = isFlat(r) ? 'i' : indexExpr(r.strides, r.offset);
        if (!r.guard) return `  let ${NAMES[k]} = x${k}[${idx}];`;
        return `  var ${NAMES[k]} = ${lit(r.otherwise ?? 0)};\n  if (${r.guard}) { ${NAMES[k]} = x${k}[${idx}]; }`;
      })
      .join('\n');
    const oi = spec.out && !isFlat(spec.out) ? indexExpr(spec.out.strides, spec.out.offset) : 'i';
    return `${header(spec.inputs.length)}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x + gid.y * ${u(rowStride)};
  if (i >= ${u(n)}) { return; }
${needCoords ? coordsOf(spec.shape) : ''}
${reads}
  o[${oi}] = ${spec.body};
}`;
  };
  return { key: `${name}|map|${JSON.stringify(spec)}`, code, workgroups, inputs };
}

/**
 * One thread per index i < n (a 2-D grid of WG-thread groups when one axis is
 * not enough), `body` run for each: the shared frame of the conv, pooling and
 * recurrent-cell programs. `prelude` is WGSL placed before the entry point
 * (helper functions).
 */
export function perThread(key: string, n: number, nInputs: number, body: string, prelude = ''): GpuProgram {
  const { workgroups, rowStride } = grid(n);
  return {
    key,
    workgroups,
    code: () => `${header(nInputs)}${prelude}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x + gid.y * ${u(rowStride)};
  if (i >= ${u(n)}) { return; }
${body}
}`,
  };
}

/** The shared array of a workgroup tree (treeReduce). */
export const TREE_PART = `var<workgroup> part: array<f32, ${WG}>;`;

/**
 * WGSL statements that combine each thread's `acc` over the workgroup into
 * part[0]: a shared-memory tree that halves WG (a power of two) each round.
 * Every thread of the workgroup must reach it (no early return in between).
 */
export function treeReduce(comb: (a: string, b: string) => string = (a, b) => `${a} + ${b}`): string {
  return `  part[lid.x] = acc;
  workgroupBarrier();
  for (var s = ${u(WG / 2)}; s > 0u; s = s >> 1u) {
    if (lid.x < s) { part[lid.x] = ${comb('part[lid.x]', 'part[lid.x + s]')}; }
    workgroupBarrier();
  }`;
}

/** The webgpu kernel of an elementwise op: `body` is a WGSL expression of the (broadcast) inputs a, b, c. */
export const elementwiseKernel =
  (name: string, body: string): GpuKernel<unknown> =>
  (ins, out) =>
    elementwise(name, ins, out, body);

/** An elementwise op of its inputs broadcast to the output shape. */
export function elementwise(name: string, ins: readonly Tensor[], out: Tensor, body: string): GpuProgram {
  return mapProgram(name, {
    shape: [...out.shape],
    inputs: ins.map((t) => ({ strides: broadcastStrides(out.shape, t.shape) })),
    body,
  });
}
