/**
 * How the page names the cell's quantities: Goodfellow's letters (forget gate
 * f, external input gate g, output gate q, state s) for the engine's arrays
 * (f, i, o, c; the engine's g is the tanh candidate, here s~).
 */
import type { LstmFrame } from './types';

export interface Quantity {
  key: 'f' | 'i' | 'o' | 'g' | 'c' | 'h';
  /** TeX symbol in Goodfellow's notation. */
  tex: string;
  /** Plain-text symbol for labels. */
  sym: string;
  name: string;
  /** Colour scale range: gates live in (0, 1), the rest in (-1, 1) (s may leave it: clamped for colour only). */
  range: [number, number];
}

export const QUANTITIES: readonly Quantity[] = [
  { key: 'f', tex: 'f', sym: 'f', name: 'forget gate', range: [0, 1] },
  { key: 'i', tex: 'g', sym: 'g', name: 'input gate', range: [0, 1] },
  { key: 'g', tex: '\\tilde s', sym: 's̃', name: 'candidate (tanh)', range: [-1, 1] },
  { key: 'o', tex: 'q', sym: 'q', name: 'output gate', range: [0, 1] },
  { key: 'c', tex: 's', sym: 's', name: 'cell state', range: [-1, 1] },
  { key: 'h', tex: 'h', sym: 'h', name: 'output', range: [-1, 1] },
];

export type CellValues = Record<Quantity['key'], number> & { cPrev: number; hPrev: number };

/** The values of unit j at step t (0-based) of the frame, as the cell diagram and the equations show them. */
export function cellAt(frame: Partial<LstmFrame> | null, j: number, t: number): CellValues | null {
  const T = frame?.probe?.length ?? 0;
  if (!frame || !T || !frame.f || t < 0 || t >= T) return null;
  const v = (a: Float32Array | undefined, tt: number) => (a && tt >= 0 ? a[j * T + tt] : 0);
  return {
    f: v(frame.f, t), i: v(frame.i, t), g: v(frame.g, t), o: v(frame.o, t), c: v(frame.c, t), h: v(frame.h, t),
    cPrev: v(frame.c, t - 1), hPrev: v(frame.h, t - 1),
  };
}
