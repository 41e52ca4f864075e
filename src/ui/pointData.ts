/**
 * A student's own 2-D data set as a short URL-safe text, so a shared link
 * carries it: bytes [n, x0, y0, x1, y1, ..., class bits] in base64url (no
 * padding). Each coordinate is quantised to 1/256 of the plot range
 * [lo, hi) (q = round(256 (v - lo) / (hi - lo)), clamped to 0..255), each
 * class is one bit (LSB first). 200 points take 568 characters. The empty
 * text means "the lesson's own data". Pure TypeScript: the worker decodes it too.
 */
import type { TextParam } from './params';

/** One labelled point of a two-class plane data set, in data units. */
export interface DataPoint {
  x: number;
  y: number;
  cls: 0 | 1;
}

/** The most points a data set may hold: 200 keep the link under 600 characters. */
export const POINTS_MAX = 200;
/** Quantisation steps across the plot range. */
export const STEPS = 256;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The characters an encoded data set may hold (a regex class body, for the params schema). */
export const POINT_CHARS = 'A-Za-z0-9_\\-';

const byteLength = (n: number) => 1 + 2 * n + Math.ceil(n / 8);
/** The longest encoded text (POINTS_MAX points). */
export const POINT_TEXT_MAX = Math.ceil((byteLength(POINTS_MAX) * 4) / 3);

/** The `data` param of a lesson with editable points: the encoded set, empty for the lesson's own. */
export const dataParam = {
  kind: 'text',
  key: 'data',
  label: 'Own data',
  chars: POINT_CHARS,
  maxLength: POINT_TEXT_MAX,
  default: '',
  help: 'Points added on the data figure, encoded (empty: the lesson’s data set).',
} as const satisfies TextParam<'data'>;

/** The quantised step of a coordinate: 0..255 across [lo, hi), clamped (non-finite values go to lo). */
export function quantize(v: number, [lo, hi]: readonly [number, number]): number {
  const q = Math.round(((v - lo) / (hi - lo)) * STEPS);
  return Number.isFinite(q) ? Math.min(STEPS - 1, Math.max(0, q)) : 0;
}

/** The coordinate of step q. */
export function dequantize(q: number, [lo, hi]: readonly [number, number]): number {
  return lo + (q / STEPS) * (hi - lo);
}

/** A point as it will come back from its text: coordinates on the 1/256 grid inside the range. */
export function snap(p: DataPoint, range: readonly [number, number]): DataPoint {
  return { x: dequantize(quantize(p.x, range), range), y: dequantize(quantize(p.y, range), range), cls: p.cls };
}

/** Points -> text; at most POINTS_MAX (the rest are dropped), coordinates clamped to the range; no points -> ''. */
export function encodePoints(points: readonly DataPoint[], range: readonly [number, number]): string {
  const pts = points.slice(0, POINTS_MAX);
  const n = pts.length;
  if (n === 0) return '';
  const bytes = new Uint8Array(byteLength(n));
  bytes[0] = n;
  pts.forEach((p, i) => {
    bytes[1 + 2 * i] = quantize(p.x, range);
    bytes[2 + 2 * i] = quantize(p.y, range);
    if (p.cls) bytes[1 + 2 * n + (i >> 3)] |= 1 << (i & 7);
  });
  return toBase64url(bytes);
}

/** The outcome of reading a data text: the points (null for the lesson's own data) and, if the text was bad, why. */
export interface DecodedPoints {
  points: DataPoint[] | null;
  problem?: string;
}

/** Text -> points; '' -> null (the lesson's data); malformed text -> null and a problem, never a throw. */
export function decodePoints(text: string, range: readonly [number, number]): DecodedPoints {
  if (text === '') return { points: null };
  const bytes = fromBase64url(text);
  if (!bytes || bytes.length < 1) return { points: null, problem: 'the data in the link is not a valid encoding' };
  const n = bytes[0];
  if (n < 1 || n > POINTS_MAX) return { points: null, problem: `the data in the link holds ${n} points (1 to ${POINTS_MAX} allowed)` };
  if (bytes.length !== byteLength(n)) return { points: null, problem: 'the data in the link is cut short or too long' };
  const points: DataPoint[] = [];
  for (let i = 0; i < n; i++) {
    const cls = (bytes[1 + 2 * n + (i >> 3)] >> (i & 7)) & 1;
    points.push({ x: dequantize(bytes[1 + 2 * i], range), y: dequantize(bytes[2 + 2 * i], range), cls: cls as 0 | 1 });
  }
  return { points };
}

function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const chunk = (a << 16) | (b << 8) | c;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += B64[(chunk >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** base64url (no padding) -> bytes, or null for a character outside the alphabet or an impossible length. */
function fromBase64url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let k = 0;
  for (const ch of text) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 255;
    }
  }
  return out;
}
