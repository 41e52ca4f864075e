/**
 * Kept runs ("ghosts") in a compact, URL-safe form: each curve thinned to at
 * most `points` samples, x and y quantised to 16 bits over their own range (y
 * in log10 when every value is positive, as losses are), chart and series
 * names replaced by 32-bit FNV-1a hashes, the whole packed into bytes and
 * written as base64url. About 350 characters per curve at 60 points.
 */

/** One frozen curve of a line chart: its series' name hash, points, colour and dash. */
export interface GhostSeries {
  name: string;
  x: number[];
  y: number[];
  /** #rrggbb when the live series had one (a palette index otherwise, by order). */
  color?: string;
  dashed?: boolean;
}

/** A kept run: the params it ran with, an optional label of the user's, its curves per chart (key: chart hash). */
export interface KeptRun {
  params: Record<string, number | string | boolean>;
  label: string;
  charts: Record<string, GhostSeries[]>;
}

const VERSION = 1;
const MISSING = 0xffff;
/** A zero on a log-stored curve (a loss that reached exactly 0). */
const ZERO = 0xfffe;
const Q = 0xfffd;

/** FNV-1a over the UTF-16 code units, as 8 hex digits: the name of a chart or series in a link. */
export function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Indices of at most n samples of a curve of length len, evenly spaced, first and last kept. */
export function thinIndices(len: number, n: number): number[] {
  if (len <= n) return Array.from({ length: len }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.round((i * (len - 1)) / (n - 1)));
  return out;
}

/** A curve thinned to at most n points (a ghost keeps its shape, not every step). */
export function thinCurve(x: readonly number[], y: readonly number[], n: number): { x: number[]; y: number[] } {
  const idx = thinIndices(Math.min(x.length, y.length), n);
  return { x: idx.map((i) => x[i]), y: idx.map((i) => y[i]) };
}

class Writer {
  private bytes: number[] = [];
  u8(v: number) {
    this.bytes.push(v & 0xff);
  }
  u16(v: number) {
    this.bytes.push((v >>> 8) & 0xff, v & 0xff);
  }
  u32hex(h: string) {
    const v = parseInt(h, 16) >>> 0;
    this.u16(v >>> 16);
    this.u16(v & 0xffff);
  }
  f32(v: number) {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    this.bytes.push(...b);
  }
  str(s: string, max: number) {
    const b = Array.from(new TextEncoder().encode(s)).slice(0, max);
    this.u16(b.length);
    this.bytes.push(...b);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

class Reader {
  private at = 0;
  constructor(private b: Uint8Array) {}
  private need(n: number) {
    if (this.at + n > this.b.length) throw new Error('the kept runs in the link are cut short');
  }
  u8() {
    this.need(1);
    return this.b[this.at++];
  }
  u16() {
    this.need(2);
    const v = (this.b[this.at] << 8) | this.b[this.at + 1];
    this.at += 2;
    return v;
  }
  u32hex() {
    return ((this.u16() * 0x10000 + this.u16()) >>> 0).toString(16).padStart(8, '0');
  }
  f32() {
    this.need(4);
    const v = new Float32Array(this.b.slice(this.at, this.at + 4).buffer)[0];
    this.at += 4;
    return v;
  }
  str() {
    const n = this.u16();
    this.need(n);
    const s = new TextDecoder().decode(this.b.slice(this.at, this.at + n));
    this.at += n;
    return s;
  }
  get left() {
    return this.b.length - this.at;
  }
}

const FLAG_LOG = 1;
const FLAG_DASHED = 2;
const FLAG_COLOR = 4;

function range(v: number[]): [number, number] {
  const f = v.filter(Number.isFinite);
  return f.length ? [Math.min(...f), Math.max(...f)] : [0, 0];
}

function quantise(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return MISSING;
  return hi > lo ? Math.round(((v - lo) / (hi - lo)) * Q) : 0;
}

function writeSeries(w: Writer, s: GhostSeries, points: number) {
  const t = thinCurve(s.x, s.y, Math.min(points, 255));
  // log10 for curves of non-negative values (losses, norms), so decades of small values survive 16 bits
  const log = t.y.some((v) => v > 0) && t.y.every((v) => !Number.isFinite(v) || v >= 0);
  const ys = log ? t.y.map((v) => (Number.isFinite(v) && v > 0 ? Math.log10(v) : NaN)) : t.y;
  const color = s.color && /^#[0-9a-f]{6}$/i.test(s.color) ? s.color : undefined;
  w.u32hex(s.name);
  w.u8((log ? FLAG_LOG : 0) | (s.dashed ? FLAG_DASHED : 0) | (color ? FLAG_COLOR : 0));
  if (color) for (let i = 1; i < 7; i += 2) w.u8(parseInt(color.slice(i, i + 2), 16));
  const [x0, x1] = range(t.x);
  const [y0, y1] = range(ys);
  w.u8(t.x.length);
  w.f32(x0);
  w.f32(x1);
  w.f32(y0);
  w.f32(y1);
  // the range is stored as float32: quantise against what the reader will see
  const [fx0, fx1, fy0, fy1] = Array.from(new Float32Array([x0, x1, y0, y1]));
  for (const v of t.x) w.u16(quantise(v, fx0, fx1));
  ys.forEach((v, i) => w.u16(log && t.y[i] === 0 ? ZERO : quantise(v, fy0, fy1)));
}

function readSeries(r: Reader): GhostSeries {
  const name = r.u32hex();
  const flags = r.u8();
  let color: string | undefined;
  if (flags & FLAG_COLOR) color = '#' + [r.u8(), r.u8(), r.u8()].map((c) => c.toString(16).padStart(2, '0')).join('');
  const n = r.u8();
  const [x0, x1, y0, y1] = [r.f32(), r.f32(), r.f32(), r.f32()];
  const back = (q: number, lo: number, hi: number) => (q === MISSING ? NaN : lo + (q / Q) * (hi - lo));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) x.push(back(r.u16(), x0, x1));
  for (let i = 0; i < n; i++) {
    const q = r.u16();
    const v = back(q, y0, y1);
    y.push(flags & FLAG_LOG ? (q === ZERO ? 0 : 10 ** v) : v);
  }
  return { name, x, y, color, dashed: (flags & FLAG_DASHED) !== 0 || undefined };
}

/** Packs kept runs (at most 255, labels cut at 80 bytes) into a base64url string; params as a query string each. */
export function encodeRuns(runs: readonly KeptRun[], points = 60): string {
  const w = new Writer();
  w.u8(VERSION);
  w.u8(runs.length);
  for (const run of runs) {
    w.str(run.label, 80);
    w.str(new URLSearchParams(Object.entries(run.params).map(([k, v]) => [k, String(v)])).toString(), 2000);
    const charts = Object.entries(run.charts).slice(0, 255);
    w.u8(charts.length);
    for (const [key, series] of charts) {
      w.u32hex(key);
      w.u8(Math.min(series.length, 255));
      for (const s of series.slice(0, 255)) writeSeries(w, s, points);
    }
  }
  return toBase64Url(w.done());
}

/**
 * Reads what encodeRuns wrote. Param values come back as strings (the
 * caller checks them against the lesson's schema); throws on a malformed or
 * unknown-version string.
 */
export function decodeRuns(text: string): { params: Record<string, string>; label: string; charts: Record<string, GhostSeries[]> }[] {
  const r = new Reader(fromBase64Url(text));
  const v = r.u8();
  if (v !== VERSION) throw new Error(`kept runs of an unknown format (${v})`);
  const n = r.u8();
  const runs = [];
  for (let i = 0; i < n; i++) {
    const label = r.str();
    const params = Object.fromEntries(new URLSearchParams(r.str()));
    const charts: Record<string, GhostSeries[]> = {};
    const nc = r.u8();
    for (let c = 0; c < nc; c++) {
      const key = r.u32hex();
      const ns = r.u8();
      charts[key] = Array.from({ length: ns }, () => readSeries(r));
    }
    runs.push({ params, label, charts });
  }
  if (r.left !== 0) throw new Error('the kept runs in the link have bytes left over');
  return runs;
}

export function toBase64Url(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(t: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(t)) throw new Error('the kept runs in the link hold characters they may not');
  const s = atob(t.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (t.length % 4)) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
