/** Shapes, broadcasting and the index maps the cpu kernels use. */
export type Shape = readonly number[];

/** Number of elements in a shape (1 for a scalar, shape []). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** NumPy broadcasting of two shapes; throws on a mismatch. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`shapes [${a}] and [${b}] do not broadcast`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

const mapCache = new Map<string, Int32Array>();

/**
 * For an input broadcast to outShape: maps each flat output index to the flat
 * input index it reads. Cached per shape pair so a training step allocates nothing.
 */
export function broadcastMap(outShape: Shape, inShape: Shape): Int32Array {
  const key = outShape.join(',') + '|' + inShape.join(',');
  let m = mapCache.get(key);
  if (m) return m;
  const n = outShape.length;
  const inStr = stridesOf(inShape);
  // stride 0 along broadcast axes
  const eff = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const j = inShape.length - n + i;
    eff[i] = j < 0 || inShape[j] === 1 ? 0 : inStr[j];
  }
  m = walkOffsets(outShape, eff);
  mapCache.set(key, m);
  return m;
}

/**
 * Walks `shape` in row-major order and records, for each position, the offset
 * sum_d idx[d] * strides[d]: the one loop behind broadcast, transpose and
 * reduction index maps (strides of 0 repeat, permuted strides transpose).
 */
export function walkOffsets(shape: Shape, strides: readonly number[]): Int32Array {
  const n = shape.length;
  const m = new Int32Array(sizeOf(shape));
  const idx = new Array<number>(n).fill(0);
  let off = 0;
  for (let k = 0; k < m.length; k++) {
    m[k] = off;
    for (let d = n - 1; d >= 0; d--) {
      idx[d]++;
      off += strides[d];
      if (idx[d] < shape[d]) break;
      off -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return m;
}

/** The axes a reduction takes: one axis as a number, several as an array (negative counts from the end). */
export type Axes = number | readonly number[];

/** Normalizes possibly negative axes against a rank, sorted; undefined means all axes. */
export function normAxes(axes: Axes | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = list.map((a) => {
    const k = a < 0 ? a + rank : a;
    if (!Number.isInteger(k) || k < 0 || k >= rank) throw new Error(`axis ${a} is out of range for rank ${rank}`);
    return k;
  });
  out.sort((x, y) => x - y);
  for (let i = 1; i < out.length; i++) if (out[i] === out[i - 1]) throw new Error(`axis ${out[i]} is repeated in [${list}]`);
  return out;
}

/** Shape after reducing `axes`; with keepDims they stay as size 1. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (axes.includes(i)) {
      if (keepDims) out.push(1);
    } else out.push(d);
  });
  return out;
}

/**
 * True when `inner` broadcasts into `outer` by repeating along leading axes only
 * (inner, without its leading 1s, equals outer's trailing dims): a bias row [n] into [B, n].
 * Kernels then read inner[i % inner.size] with no index map.
 */
/**
 * When `inner`, aligned right against `outer`, is ones around one block of
 * `outer`'s axes (a per-channel bias [1, C, 1, 1] against [N, C, H, W]): the
 * number of elements each of its values covers in a row (H W here); else 0.
 */
export function channelRun(inner: Shape, outer: Shape): number {
  const off = outer.length - inner.length;
  if (off < 0) return 0;
  let lo = 0;
  while (lo < inner.length && inner[lo] === 1) lo++;
  let hi = inner.length;
  while (hi > lo && inner[hi - 1] === 1) hi--;
  if (hi === lo || hi === inner.length) return 0; // all ones, or nothing repeated after the block (isTrailing's case)
  for (let i = lo; i < hi; i++) if (inner[i] !== outer[off + i]) return 0;
  let run = 1;
  for (let i = off + hi; i < outer.length; i++) run *= outer[i];
  return run;
}

export function isTrailing(inner: Shape, outer: Shape): boolean {
  let s = 0;
  while (s < inner.length && inner[s] === 1) s++;
  const k = inner.length - s;
  if (k > outer.length) return false;
  for (let i = 0; i < k; i++) if (inner[s + i] !== outer[outer.length - k + i]) return false;
  return true;
}
