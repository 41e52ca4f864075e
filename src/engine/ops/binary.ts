/**
 * The one broadcasting loop of the binary elementwise ops (add, sub, mul,
 * div, maximum, greater, equal). Each op gives its element rule twice: as a
 * JS expression of `a` and `b` and as a function. The kernel picks the index
 * pattern once per call (same shape, a scalar on either side, a row repeated
 * down the batch, a per-channel value over each channel's run, or the general index map) and runs that loop.
 * The kernel is compiled once per op with the op's expression in it
 * (compileLoop.ts says why); where a Content-Security-Policy forbids that,
 * the same loops run with `fn` instead: correct, slower.
 */
import { buf, type CpuKernel } from '../op';
import { broadcastMap, channelRun, isTrailing, sameShape } from '../shape';
import type { Tensor } from '../tensor';
import { compileLoop } from './compileLoop';

export interface BinaryRule {
  /** The op's name (names the compiled kernel in profiles). */
  name: string;
  /** The element rule as a JS expression of the numbers `a` and `b`, e.g. `a + b`. */
  expr: string;
  /** The same rule as a function (the fallback kernel; tests). */
  fn: (a: number, b: number) => number;
}

/** The kernel template; `$` stands for the op's expression. */
const TEMPLATE = `
const x = ta.storage, y = tb.storage, o = out.storage, n = o.length;
let run = 0;
if (sameShape(ta.shape, tb.shape)) {
  for (let i = 0; i < n; i++) { const a = x[i], b = y[i]; o[i] = $; }
} else if (tb.size === 1 && ta.size === n) {
  const b = y[0];
  for (let i = 0; i < n; i++) { const a = x[i]; o[i] = $; }
} else if (ta.size === 1 && tb.size === n) {
  const a = x[0];
  for (let i = 0; i < n; i++) { const b = y[i]; o[i] = $; }
} else if (ta.size === n && isTrailing(tb.shape, out.shape)) {
  // a bias row repeated down the batch: no index map
  const m = tb.size;
  for (let r = 0; r < n; r += m) for (let j = 0, i = r; j < m; j++, i++) { const a = x[i], b = y[j]; o[i] = $; }
} else if (tb.size === n && isTrailing(ta.shape, out.shape)) {
  const m = ta.size;
  for (let r = 0; r < n; r += m) for (let j = 0, i = r; j < m; j++, i++) { const a = x[j], b = y[i]; o[i] = $; }
} else if (ta.size === n && (run = channelRun(tb.shape, out.shape)) > 0) {
  // a per-channel bias: each value of b covers a run of run elements
  const m = tb.size;
  for (let i = 0, j = 0; i < n; j = j + 1 === m ? 0 : j + 1) { const b = y[j]; for (const e = i + run; i < e; i++) { const a = x[i]; o[i] = $; } }
} else {
  const ia = broadcastMap(out.shape, ta.shape), ib = broadcastMap(out.shape, tb.shape);
  for (let i = 0; i < n; i++) { const a = x[ia[i]], b = y[ib[i]]; o[i] = $; }
}`;

type Kernel = (inputs: readonly Tensor[], out: Tensor) => void;

/** The template's loops with `fn` called per element (where new Function is not allowed). */
export function fallbackKernel(fn: (a: number, b: number) => number): Kernel {
  return ([ta, tb], out) => {
    const x = buf(ta);
    const y = buf(tb);
    const o = buf(out);
    const n = o.length;
    if (sameShape(ta.shape, tb.shape)) for (let i = 0; i < n; i++) o[i] = fn(x[i], y[i]);
    else if (tb.size === 1 && ta.size === n) for (let i = 0; i < n; i++) o[i] = fn(x[i], y[0]);
    else if (ta.size === 1 && tb.size === n) for (let i = 0; i < n; i++) o[i] = fn(x[0], y[i]);
    else if (ta.size === n && isTrailing(tb.shape, out.shape)) {
      const m = tb.size;
      for (let i = 0; i < n; i++) o[i] = fn(x[i], y[i % m]);
    } else if (tb.size === n && isTrailing(ta.shape, out.shape)) {
      const m = ta.size;
      for (let i = 0; i < n; i++) o[i] = fn(x[i % m], y[i]);
    } else {
      const ia = broadcastMap(out.shape, ta.shape);
      const ib = broadcastMap(out.shape, tb.shape);
      for (let i = 0; i < n; i++) o[i] = fn(x[ia[i]], y[ib[i]]);
    }
  };
}

const SAFE_EXPR = /^[ab\d\s+\-*/?:<>=!.()]+$/;

/** The template compiled with `rule.expr`; null where the page forbids eval. */
export function compileKernel(rule: BinaryRule): Kernel | null {
  if (!SAFE_EXPR.test(rule.expr)) throw new Error(`binary rule ${rule.name}: unexpected characters in "${rule.expr}"`);
  return compileLoop<Kernel>(rule.name, 'ta, tb', TEMPLATE.replaceAll('$', rule.expr), { sameShape, isTrailing, channelRun, broadcastMap });
}

/** The cpu kernel of a broadcasting binary op with element rule `rule`. */
export function binaryKernel(rule: BinaryRule): CpuKernel<undefined> {
  return compileKernel(rule) ?? fallbackKernel(rule.fn);
}
