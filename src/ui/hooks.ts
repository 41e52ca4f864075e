/**
 * The store hooks every lesson page uses: typed frames, the scene's figure
 * list, and store reads at a plot's pace rather than the worker's.
 */
import { useEffect, useState } from 'react';
import type { FrameData } from '../engine/worker/protocol';
import { PLOT_INTERVAL_MS } from './plotInterval';
import { useStore, type State } from './store';

/** CSS containment for plot areas: their redraws do not re-lay out or repaint the rest of the page. */
export const CONTAIN = { contain: 'content' } as const;

export { PLOT_INTERVAL_MS };

/**
 * A part of the lesson's latest frame, typed by the lesson's own frame type
 * (declared once in its types.ts and returned by its experiment's frame()).
 * Null before the first frame. The selector should be stable (module level)
 * or cheap.
 */
export function useFrame<F extends FrameData, T>(select: (frame: Partial<F>) => T): T | null {
  return useStore((s) => (s.frame ? select(s.frame as Partial<F>) : null));
}

/** Whether the current scene shows a figure id (every figure when no scene is chosen). */
export function useShown(): (id: string) => boolean {
  const show = useStore((s) => s.show);
  const limit = useStore((s) => (s.presenting ? s.presentLimit : null));
  const list = show && limit !== null ? show.slice(0, Math.max(1, limit)) : show;
  return (id) => !list || list.includes(id);
}

/**
 * `select(state)`, re-read at most once per `ms` after the store changes
 * (trailing, so the last value always lands). Selectors close over nothing,
 * so the first one serves for the component's life.
 */
export function useSampled<T>(select: (s: State) => T, ms = PLOT_INTERVAL_MS): T {
  const [value, setValue] = useState(() => select(useStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (timer !== null || select(s) === select(prev)) return;
      timer = setTimeout(() => {
        timer = null;
        // not a transition: under a steady stream of readout updates a transition could be postponed for seconds
        setValue(() => select(useStore.getState()));
      }, ms);
    });
    setValue(() => select(useStore.getState()));
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [ms]);
  return value;
}

/** A popover's dismissal: while `open`, a press outside `ref` or the Escape key closes it. */
export function useDismiss(ref: React.RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc);
    };
    // close is a state setter in every caller: the listeners follow `open` only
  }, [open, ref]);
}
