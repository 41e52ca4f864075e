/**
 * Places the app shell keeps for parts of a lesson page: the page declares its
 * Readout where it likes, and the shell shows it beside the transport so the
 * live numbers sit above the fold with the figure (see Readout).
 */
import { createContext } from 'react';

export interface ShellSlots {
  /** Where the Readout renders (null: in place). */
  readout: HTMLElement | null;
}

export const SlotsContext = createContext<ShellSlots>({ readout: null });
