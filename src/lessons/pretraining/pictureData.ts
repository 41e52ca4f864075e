/** The pictures the page draws from the worker's runs: first-layer filters and the auto-encoder's reconstruction grid. */
import { Rng, mul, sigmoid, tidy, type Tensor } from '../../engine';
import { PIXELS, maskingNoise } from './data';
import type { MethodRun } from './method';
import { host, reconstruct } from './model';
import { FILTERS_SHOWN, GRID_DIGITS } from './types';

/** Columns 0..FILTERS_SHOWN-1 of W_1 ([784, H]) as rows of 784: the weights into each of the first hidden units. */
export async function firstLayerFilters(run: MethodRun): Promise<Float32Array> {
  const W = await run.net.layers[0].W.read();
  const H = run.net.layers[0].outSize;
  const K = Math.min(FILTERS_SHOWN, H);
  const out = new Float32Array(K * PIXELS);
  for (let j = 0; j < K; j++) for (let p = 0; p < PIXELS; p++) out[j * PIXELS + p] = W[p * H + j];
  return out;
}

/** The layer the grid shows: the one being pretrained, else the top one (0-based). */
export function gridLayerOf(run: MethodRun): number {
  const t = run.task;
  return t?.kind === 'pretrain' ? t.layer : run.net.layers.length - 1;
}

/**
 * GRID_DIGITS test digits x, the corrupted input of layer k and its
 * reconstruction, both brought back to pixels through the decoders below k
 * (layer 1's are pixels already): [3, GRID_DIGITS, 784]. Also returns the layer
 * (1-based) and the fraction of the layer's input that the mask zeroed.
 */
export async function gridPictures(run: MethodRun): Promise<{ grid: Float32Array; layer: number; masked: number }> {
  const k = gridLayerOf(run);
  const level = run.cfg.corruption;
  const { x, noisy, recon, mask } = tidy(() => {
    const x = host(run.sets.test.subarray(0, GRID_DIGITS * PIXELS), [GRID_DIGITS, PIXELS]);
    const h = run.net.hidden(x, k);
    // a fixed mask so the picture changes only as the weights do
    const mask = host(maskingNoise(h.size, level, new Rng(7)), h.shape.slice());
    const hn = mul(h, mask);
    const r = reconstruct(run.net.layers[k], run.decoders[k], hn);
    const toPixels = (v: Tensor): Tensor => {
      for (let j = k - 1; j >= 0; j--) v = sigmoid(run.decoders[j].forward(v));
      return v;
    };
    return { x, noisy: toPixels(hn), recon: toPixels(r), mask };
  });
  const [xv, nv, rv, mv] = await Promise.all([x.read(), noisy.read(), recon.read(), mask.read()]);
  for (const t of [x, noisy, recon, mask]) t.dispose();
  const grid = new Float32Array(3 * GRID_DIGITS * PIXELS);
  grid.set(xv, 0);
  grid.set(nv, GRID_DIGITS * PIXELS);
  grid.set(rv, 2 * GRID_DIGITS * PIXELS);
  let zeros = 0;
  for (const v of mv) if (v === 0) zeros++;
  return { grid, layer: k + 1, masked: zeros / mv.length };
}
