/** A typed part of the latest frame, re-read at a plot's pace (the kit's useSampled over the kit's frame). */
import type { FrameData } from '../../engine/worker/protocol';
import { useSampled } from '../../ui/hooks';

/** `select(frame)` at most once per `ms`; null before the first frame. `select` should live at module level. */
export function useSampledFrame<F extends FrameData, T>(select: (frame: Partial<F>) => T, ms?: number): T | null {
  return useSampled((s) => (s.frame ? select(s.frame as Partial<F>) : null), ms);
}
