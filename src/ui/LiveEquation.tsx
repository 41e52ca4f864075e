/**
 * An equation with live numbers in it: TeX typeset once by KaTeX, with a
 * tagged text slot for every `\slot{name}` in it; store updates then rewrite
 * only those slots' text (at most every `ms`), so a rule can follow a run at
 * full speed without re-typesetting (KaTeX is the costliest thing on a page).
 * Used by the optimizer race (each rule's state) and meant for the LSTM gates.
 */
import katex from 'katex';
import { useEffect, useMemo, useRef } from 'react';
import { useStore, type State } from './store';

/** Live equations rewrite their numbers at most this often (ms). */
export const LIVE_EQUATION_MS = 150;

/** A number as short plain text for a slot (the slots hold text, not TeX): '?' for NaN, ±∞, else 3 decimals or 3 significant digits in e-notation. */
export function plainNumber(v: number): string {
  if (Number.isNaN(v)) return '?';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(2) : v.toFixed(Number.isInteger(v) ? 0 : 3);
  return s.replace('-', '−');
}

/** Parts sit side by side and wrap; own layer, so a new number never re-records the paint of the page. */
const LIVE_STYLE = { display: 'flex', flexWrap: 'wrap', gap: '0.1rem 1.4rem', willChange: 'transform' } as const;

const SLOT = /\\slot\{([A-Za-z0-9_]+)\}/g;

/** The slot names a TeX template uses, in order. */
export function slotNames(tex: string): string[] {
  return [...tex.matchAll(SLOT)].map((m) => m[1]);
}

/**
 * The template's HTML: each `\slot{name}` becomes a KaTeX text box tagged
 * data-slot="name". Only \htmlData is trusted, and only our own templates reach
 * it (slot names are [A-Za-z0-9_]); values are written later as text, never as HTML.
 */
export function renderLiveTex(tex: string): string {
  const tagged = tex.replace(SLOT, (_, name: string) => String.raw`\htmlData{slot=${name}}{\text{0}}`);
  return katex.renderToString(tagged, { output: 'html', throwOnError: false, strict: 'ignore', trust: (c) => c.command === '\\htmlData' });
}

export interface LiveEquationProps {
  /** TeX with `\slot{name}` where a live number goes; several parts wrap on narrow screens. */
  tex: string | readonly string[];
  /** The slots' values from the store (null while there is nothing to show); may close over props, the latest is used. */
  read: (s: State) => Record<string, number> | null | undefined;
  /** Formats a value as text (the slot's name lets a factor put a negative value in parentheses). */
  format?: (v: number, slot: string) => string;
  ms?: number;
  className?: string;
  /** Marks the element for tests and styles (data-live). */
  id?: string;
}

/** Renders `tex` once and keeps its slots' numbers in step with the store. */
export function LiveEquation({ tex, read, format = plainNumber, ms = LIVE_EQUATION_MS, className, id }: LiveEquationProps) {
  const ref = useRef<HTMLDivElement>(null);
  const reader = useRef(read);
  reader.current = read;
  const formatter = useRef(format);
  formatter.current = format;
  const parts = typeof tex === 'string' ? [tex] : tex;
  const key = parts.join('\u0000');
  const html = useMemo(() => parts.map((t) => `<span class="live-part">${renderLiveTex(t)}</span>`).join(''), [key]);
  const writeNow = useRef<(() => void) | null>(null);
  // a new `read` (say, another unit picked while paused) shows at once, not at the next store update
  useEffect(() => writeNow.current?.());
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const slots = new Map<string, HTMLElement>();
    el.querySelectorAll<HTMLElement>('[data-slot]').forEach((e) => slots.set(e.dataset.slot!, e));
    const write = () => {
      const values = reader.current(useStore.getState());
      if (!values) return;
      for (const [k, e] of slots) {
        const v = values[k];
        const text = v === undefined ? '–' : formatter.current(v, k);
        if (e.textContent !== text) e.textContent = text;
      }
    };
    write();
    writeNow.current = write;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useStore.subscribe(() => {
      if (timer === null) timer = setTimeout(() => ((timer = null), write()), ms);
    });
    return () => {
      writeNow.current = null;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [html, ms]);
  return <div ref={ref} className={className ? `equation live ${className}` : 'equation live'} style={LIVE_STYLE} data-live={id} dangerouslySetInnerHTML={{ __html: html }} />;
}
