/**
 * A page's own-data state: the `data` param decoded (null while the lesson's
 * data set is in use), the editing mode, and the actions that write a new set
 * into the params (so the URL and the worker follow; the run restarts on it).
 */
import { useCallback, useMemo, useState } from 'react';
import { changeParams } from './actions';
import { decodePoints, encodePoints, type DataPoint } from './pointData';
import type { PointMode } from './plots/PointEditor';
import { useStore } from './store';

export interface OwnData {
  /** The student's points, or null for the lesson's data set. */
  own: DataPoint[] | null;
  /** Why the `data` in the link could not be read (the lesson's data is used instead). */
  problem?: string;
  mode: PointMode;
  setMode(m: PointMode): void;
  /** Replaces the data set (a new run starts on it). */
  change(points: DataPoint[]): void;
  /** Back to the lesson's data set. */
  reset(): void;
}

/** The own-data state of the open lesson, whose plot spans `range` (a module constant: it keys the memo). */
export function useOwnData(range: readonly [number, number]): OwnData {
  const text = useStore((s) => (typeof s.params.data === 'string' ? s.params.data : ''));
  const { points, problem } = useMemo(() => decodePoints(text, range), [text, range]);
  const [mode, setMode] = useState<PointMode>('add0');
  const change = useCallback((p: DataPoint[]) => changeParams({ data: encodePoints(p, range) }), [range]);
  const reset = useCallback(() => changeParams({ data: '' }), []);
  return { own: points, problem, mode, setMode, change, reset };
}
