/** Racer colours (Okabe-Ito, readable with the common colour blindnesses) and head symbols, UI side only. */
import type { RacerName } from './types';

export const RACER_COLORS: Record<RacerName, string> = {
  // a mid grey, not black: black vanished on the dark theme's charts (1.2:1); this keeps 3.4:1 on white, the dark background and the contour
  sgd: '#777777',
  momentum: '#0072B2',
  nesterov: '#56B4E9',
  adagrad: '#009E73',
  rmsprop: '#CC79A7',
  adam: '#D55E00',
};

/** Index of each racer's head symbol in ContourPlot (circle, square, triangle, diamond, cross, star). */
export const RACER_SYMBOLS: Record<RacerName, number> = { sgd: 0, momentum: 1, nesterov: 2, adagrad: 3, rmsprop: 4, adam: 5 };
