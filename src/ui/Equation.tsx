import katex from 'katex';
import { useLayoutEffect, useMemo, useRef } from 'react';

/** Smallest type a wide display equation is shrunk to before it scrolls instead. */
const MIN_SCALE = 0.6;

/**
 * Shrinks a display equation that is wider than its box (a 320 px embed, a
 * phone) down to MIN_SCALE; past that it scrolls, and the scrolling box takes
 * focus so keyboard users can reach it.
 */
function useFitWidth(ref: React.RefObject<HTMLElement | null>, html: string, on: boolean) {
  const scale = useRef(1);
  const fit = (el: HTMLElement, fresh: boolean) => {
    // live values change the width every frame: the scale only shrinks between resizes, so the height never jumps back and forth
    if (fresh) scale.current = 1;
    el.style.fontSize = scale.current < 1 ? `${(scale.current * 100).toFixed(1)}%` : '';
    const need = el.scrollWidth;
    const have = el.clientWidth;
    if (have && need > have && scale.current > MIN_SCALE) {
      scale.current = Math.max(MIN_SCALE, (scale.current * have) / need);
      el.style.fontSize = `${(scale.current * 100).toFixed(1)}%`;
    }
    // a pixel or two of rounding is hidden; a real overflow scrolls, in a box the keyboard can reach
    const scrolls = have > 0 && el.scrollWidth > el.clientWidth + 2;
    el.style.overflowX = scrolls ? 'auto' : 'hidden';
    // and shows that it does (a scrollbar that stays drawn, the cut edge faded): a cut-off equation never looks whole
    if (scrolls) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('data-scrolls', '');
      el.setAttribute('title', 'Scroll sideways to see the whole equation');
    } else {
      el.removeAttribute('tabindex');
      el.removeAttribute('data-scrolls');
      el.removeAttribute('title');
    }
  };
  useLayoutEffect(() => {
    if (ref.current && on) fit(ref.current, false);
  }, [ref, html, on]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !on || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    // the box's width (a resize) starts afresh; the equation's own size (KaTeX fonts arriving) only shrinks further
    const ro = new ResizeObserver(() => {
      const fresh = el.clientWidth !== width;
      width = el.clientWidth;
      fit(el, fresh);
    });
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    // a KaTeX font that arrives late widens the equation without resizing either box: fit again then
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    const refit = () => fit(el, false);
    fonts?.addEventListener?.('loadingdone', refit);
    void fonts?.ready.then(refit);
    return () => {
      ro.disconnect();
      fonts?.removeEventListener?.('loadingdone', refit);
    };
  }, [ref, on]);
}

/**
 * Renders TeX with KaTeX. Only our own TeX reaches it (numbers are formatted
 * into it, never outside text); trust is off so \href and friends stay inert.
 */
export function Equation({ tex, display = true, label }: { tex: string; display?: boolean; label?: string }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' }),
    [tex, display],
  );
  const ref = useRef<HTMLDivElement>(null);
  useFitWidth(ref, html, display);
  if (!display) return <span className="equation" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
  return <div ref={ref} className="equation" role={label ? 'math' : undefined} aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
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
