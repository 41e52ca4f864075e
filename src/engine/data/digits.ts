/**
 * MNIST digits packed by scripts/pack-digits.ts into public/digits.bin:
 * gzip of ["DGT1", u32 count, u32 rows, u32 cols, u8 labels[count], u8 pixels[count rows cols]].
 * The first 8,000 are the training split, the last 2,000 the test split.
 */
export interface Digits {
  count: number;
  rows: number;
  cols: number;
  labels: Uint8Array;
  /** Pixels 0..255, row-major [count, rows * cols]. */
  pixels: Uint8Array;
  train: { start: number; count: number };
  test: { start: number; count: number };
}

export const DIGITS_TRAIN = 8000;

/** Parses the decompressed file. */
export function parseDigits(buf: ArrayBuffer): Digits {
  const u8 = new Uint8Array(buf);
  if (String.fromCharCode(u8[0], u8[1], u8[2], u8[3]) !== 'DGT1') throw new Error('digits.bin: bad magic');
  const dv = new DataView(buf);
  const count = dv.getUint32(4, true);
  const rows = dv.getUint32(8, true);
  const cols = dv.getUint32(12, true);
  const labels = u8.subarray(16, 16 + count);
  const pixels = u8.subarray(16 + count, 16 + count + count * rows * cols);
  const nTrain = Math.min(DIGITS_TRAIN, count);
  return { count, rows, cols, labels, pixels, train: { start: 0, count: nTrain }, test: { start: nTrain, count: count - nTrain } };
}

async function gunzip(data: ArrayBuffer): Promise<ArrayBuffer> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/**
 * Loads the digits: in a browser or worker with fetch(url) (default: the app's
 * base URL + 'digits.bin'); in Node from public/digits.bin (or the path given),
 * unless opts.fetch asks for the browser path.
 */
export async function loadDigits(url?: string, opts: { fetch?: boolean } = {}): Promise<Digits> {
  const isNode = !opts.fetch && typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined' && typeof importScripts === 'undefined';
  let raw: ArrayBuffer;
  if (isNode) {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    const b = await fs.readFile(url ?? 'public/digits.bin');
    raw = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  } else {
    const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
    const res = await fetch(url ?? `${base}digits.bin`);
    if (!res.ok) throw new Error(`digits.bin: HTTP ${res.status}`);
    raw = await res.arrayBuffer();
  }
  return parseDigits(await gunzip(raw));
}

/** Pixels scaled to [0, 1] for the digits at `indices`, as [indices.length, rows * cols]. */
export function digitPixels(d: Digits, indices: ArrayLike<number>, out?: Float32Array): Float32Array {
  const size = d.rows * d.cols;
  const x = out ?? new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const o = indices[i] * size;
    for (let p = 0; p < size; p++) x[i * size + p] = d.pixels[o + p] / 255;
  }
  return x;
}

/** Labels of the digits at `indices`. */
export function digitLabels(d: Digits, indices: ArrayLike<number>): Int32Array {
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) y[i] = d.labels[indices[i]];
  return y;
}

/** Indices start .. start + count - 1 (a split, or the first `count` of it). */
export function range(start: number, count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => start + i);
}
