import katex from 'katex';
import { useMemo } from 'react';

/**
 * Renders TeX with KaTeX. Only our own TeX reaches it (numbers are formatted
 * into it, never outside text); trust is off so \href and friends stay inert.
 */
export function Equation({ tex, display = true, label }: { tex: string; display?: boolean; label?: string }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' }),
    [tex, display],
  );
  const Tag = display ? 'div' : 'span';
  return <Tag className="equation" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Formats a live number for an equation: short, fixed width, never "NaN" surprises. */
export function fmt(v: number | undefined, digits = 3): string {
  if (v === undefined || Number.isNaN(v)) return '?';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e4)) {
    const [m, e] = v.toExponential(digits - 1).split('e');
    return `${m}\\times 10^{${Number(e)}}`;
  }
  return v.toFixed(digits);
}
