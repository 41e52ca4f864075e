/** Plots redraw at most this often (ms) by default; the text readout still updates with every message. Its own module so browser tests can import it without React. */
export const PLOT_INTERVAL_MS = 200;
