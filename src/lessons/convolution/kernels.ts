/** The kernel presets (3x3 and 5x5), row-major K(m, n) with m down, n across. */
import { decodeWeights } from './codec';


export const PRESETS = ['identity', 'box', 'sharpen', 'horizontal', 'vertical', 'sobel'] as const;
export type Preset = (typeof PRESETS)[number];
export const PRESET_LABELS: Record<Preset | 'custom', string> = {
  identity: 'Identity',
  box: 'Box blur',
  sharpen: 'Sharpen',
  horizontal: 'Horizontal edges',
  vertical: 'Vertical edges',
  sobel: 'Sobel (vertical edges)',
  custom: 'Custom',
};

/** Outer product u v^T as a k*k row-major kernel. */
function outer(u: number[], v: number[]): Float32Array {
  const out = new Float32Array(u.length * v.length);
  for (let i = 0; i < u.length; i++) for (let j = 0; j < v.length; j++) out[i * v.length + j] = u[i] * v[j];
  return out;
}

/** The preset's k x k kernel (k = 3 or 5). */
export function presetKernel(name: Preset, k: number): Float32Array {
  const c = (k - 1) / 2;
  const delta = new Float32Array(k * k);
  delta[c * k + c] = 1;
  const ones = Array(k).fill(1);
  // a difference across the kernel: +1 on one side, -1 on the other (3: [1,0,-1]; 5: [1,1,0,-1,-1])
  const diff = Array.from({ length: k }, (_, i) => Math.sign(c - i));
  switch (name) {
    case 'identity':
      return delta;
    case 'box':
      return outer(ones, ones).map((v) => v / (k * k));
    case 'sharpen':
      // 2 x identity - box: the centre pixel minus its blurred surround
      return delta.map((v) => 2 * v - 1 / (k * k));
    case 'horizontal':
      return outer(diff, ones);
    case 'vertical':
      return outer(ones, diff);
    case 'sobel':
      // smoothing across the edge times a central difference: [1,2,1] x [1,0,-1] (5x5: [1,4,6,4,1] x [1,2,0,-2,-1])
      return k === 3 ? outer([1, 2, 1], [1, 0, -1]) : outer([1, 4, 6, 4, 1], [1, 2, 0, -2, -1]);
  }
}

/**
 * The kernel the params describe (shared by the page and the worker): the preset, or the custom
 * numbers; custom text that does not hold k*k numbers falls back to the identity, with a note.
 */
export function kernelOf(preset: string, k: number, weights: string): { kernel: Float32Array; note: string | null } {
  if (preset !== 'custom') return { kernel: presetKernel((PRESETS as readonly string[]).includes(preset) ? (preset as Preset) : 'sobel', k), note: null };
  const w = decodeWeights(weights, k);
  if (w) return { kernel: w, note: null };
  return { kernel: presetKernel('identity', k), note: `The custom kernel does not hold ${k * k} numbers; showing the identity kernel.` };
}
