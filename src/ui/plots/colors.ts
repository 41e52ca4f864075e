/** Okabe-Ito: a categorical palette that survives the common colour blindnesses. */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

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
