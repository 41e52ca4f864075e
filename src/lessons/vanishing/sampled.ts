/** Store reads at a plot's pace, not the worker's: keeps main-thread work per second small while training runs. */
import { useEffect, useState } from 'react';
import { useStore, type State } from '../../ui/store';

/** CSS containment for plot areas: their redraws do not re-lay out or repaint the rest of the page. */
export const CONTAIN = { contain: 'content' } as const;

/** Plots redraw at most this often (ms); the text readout still updates with every message. */
export const PLOT_INTERVAL_MS = 200;

/** `select(state)`, re-read at most once per `ms` after the store changes (trailing, so the last value always lands). */
export function useSampled<T>(select: (s: State) => T, ms = PLOT_INTERVAL_MS): T {
  const [value, setValue] = useState(() => select(useStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useStore.subscribe(() => {
      if (timer !== null) return;
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
    // the selectors passed here close over nothing, so the first one serves for the component's life
  }, [ms]);
  return value;
}

/** At most `max` evenly spaced points of (x, y), always keeping the last one: [x', y']. */
export function thin(x: readonly number[], y: readonly number[], max = 150): [number[], number[]] {
  const n = Math.min(x.length, y.length);
  if (n <= max) return [x.slice(0, n), y.slice(0, n)];
  const xs: number[] = [];
  const ys: number[] = [];
  const stride = n / max;
  for (let k = 0; k < max; k++) {
    const i = Math.min(n - 1, Math.floor(k * stride));
    xs.push(x[i]);
    ys.push(y[i]);
  }
  xs.push(x[n - 1]);
  ys.push(y[n - 1]);
  return [xs, ys];
}
