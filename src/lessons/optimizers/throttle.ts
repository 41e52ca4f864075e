/** Store reads at a lower rate than the frame rate, for the parts of the page that need not follow every frame. */
import { useEffect, useState } from 'react';
import { useStore, type State } from '../../ui/store';

/**
 * The value of `select(state)`, re-read at most every `ms` milliseconds (and
 * once more after the last change, so the final state always shows). `select`
 * must be a stable function (defined at module level).
 */
export function useThrottledStore<T>(select: (s: State) => T, ms: number): T {
  const [value, setValue] = useState(() => select(useStore.getState()));
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const push = () => {
      timer = null;
      last = performance.now();
      setValue(() => select(useStore.getState()));
    };
    setValue(() => select(useStore.getState()));
    const unsub = useStore.subscribe((s, prev) => {
      if (timer || select(s) === select(prev)) return;
      const wait = ms - (performance.now() - last);
      if (wait <= 0) push();
      else timer = setTimeout(push, wait);
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [select, ms]);
  return value;
}
