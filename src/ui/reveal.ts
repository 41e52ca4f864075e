/**
 * Predict, then reveal: while results are hidden the kit shows a neutral
 * placeholder in their place (readout values "?", line charts and wrapped
 * tables covered), in the same space, so revealing moves nothing. Training
 * runs on underneath. The app shell decides when (button, presenter key, a
 * scene's `predict`, `?hide=1`, the embed API); the kit only reads the flag.
 */
import { create } from 'zustand';
import './reveal.css';

export const useReveal = create<{ hidden: boolean }>(() => ({ hidden: false }));

/** Whether the results are hidden now. */
export function useResultsHidden(): boolean {
  return useReveal((s) => s.hidden);
}

export function setResultsHidden(hidden: boolean): void {
  if (useReveal.getState().hidden !== hidden) useReveal.setState({ hidden });
}

/** Readout values that count progress rather than report a result: they stay visible while hidden. */
export const PROGRESS_METRICS: ReadonlySet<string> = new Set(['step', 'epoch']);

/** The words in a covered figure (and the caption's place while hidden). */
export const COVER_TEXT = 'Results hidden — predict, then press Reveal';
