/**
 * A hand-drawn digit prepared as the MNIST digits were: the ink's bounding box
 * scaled (keeping its aspect ratio, by area averaging) so its longer side is 20
 * pixels, then placed in a 28x28 field with its centre of mass at the centre.
 */
import { PIXELS, SIDE } from './codec';

const BOX = 20;

/** ink: size x size values in [0, 1] (row-major) -> 28 x 28 in [0, 1]. */
export function prepareDigit(ink: ArrayLike<number>, size: number): Float32Array {
  const out = new Float32Array(PIXELS);
  let r0 = size, r1 = -1, c0 = size, c1 = -1;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (ink[r * size + c] > 0.05) {
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    }
  }
  if (r1 < 0) return out;
  const bh = r1 - r0 + 1;
  const bw = c1 - c0 + 1;
  const scale = BOX / Math.max(bh, bw);
  const th = Math.max(1, Math.round(bh * scale));
  const tw = Math.max(1, Math.round(bw * scale));
  // area average: target pixel (y, x) covers source rows [y/scale, (y+1)/scale) of the box
  const patch = new Float32Array(th * tw);
  for (let y = 0; y < th; y++) {
    const sy0 = r0 + Math.floor(y / scale);
    const sy1 = Math.max(sy0 + 1, Math.min(r1 + 1, r0 + Math.floor((y + 1) / scale)));
    for (let x = 0; x < tw; x++) {
      const sx0 = c0 + Math.floor(x / scale);
      const sx1 = Math.max(sx0 + 1, Math.min(c1 + 1, c0 + Math.floor((x + 1) / scale)));
      let s = 0;
      for (let r = sy0; r < sy1; r++) for (let c = sx0; c < sx1; c++) s += ink[r * size + c];
      patch[y * tw + x] = s / ((sy1 - sy0) * (sx1 - sx0));
    }
  }
  let mass = 0, my = 0, mx = 0, peak = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = patch[y * tw + x];
      mass += v;
      my += v * (y + 0.5);
      mx += v * (x + 0.5);
      peak = Math.max(peak, v);
    }
  }
  const oy = clamp(Math.round(SIDE / 2 - my / mass), 0, SIDE - th);
  const ox = clamp(Math.round(SIDE / 2 - mx / mass), 0, SIDE - tw);
  // strokes come out a little grey after averaging; MNIST strokes peak at full ink
  const gain = peak > 0 ? 1 / peak : 1;
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) out[(oy + y) * SIDE + ox + x] = Math.min(1, patch[y * tw + x] * gain);
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
