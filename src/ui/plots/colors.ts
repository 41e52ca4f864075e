import { interpolateHcl } from 'd3';

/** Okabe-Ito: a categorical palette that survives the common colour blindnesses (its black is a mid grey here, visible on the dark theme too). */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#808080'];

const layerRamp = interpolateHcl('#2f62c8', '#d8572a');

/**
 * Colour of layer l of n on one sequential scale (blue for the first layer,
 * vermillion for the last), for plots with one line per layer: name the ends
 * with <ScaleLegend> rather than listing n similar hues. Both ends keep 3:1
 * against the light and the dark background.
 */
export function layerColor(l: number, n: number): string {
  return layerRamp(n > 1 ? l / (n - 1) : 0);
}

/** The CSS gradient of the layer scale, for its legend. */
export const layerGradient = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => layerRamp(t)).join(', ')})`;

/** Blue (low) to orange (high) through white: readable with deuteranopia and protanopia. */
export function diverging(t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, t));
  const lo: [number, number, number] = [0, 114, 178];
  const mid: [number, number, number] = [247, 247, 247];
  const hi: [number, number, number] = [230, 159, 0];
  const [a, b, u] = x < 0.5 ? [lo, mid, x * 2] : [mid, hi, (x - 0.5) * 2];
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** Dark (low) to light (high), for magnitudes such as images and weights. */
export function sequential(t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, t));
  return [20 + 235 * x, 20 + 225 * x, 60 + 160 * x];
}
