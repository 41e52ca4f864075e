/**
 * Compact text encodings for the two things the page writes into params (and
 * so into the URL and the worker): a 28x28 digit image and a kernel's numbers.
 *
 * Image: each pixel is quantized to 16 grey levels and written as one hex digit
 * (0-f); a run of 3 or more blank pixels is written `z` plus its length in two
 * base-36 digits. 784 pixels take at most 784 characters, a drawn digit ~300.
 * The empty string means "no drawing: use the chosen test digit".
 */

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
/** The characters an encoded image may hold (a regex class body, for the params schema). */
export const IMAGE_CHARS = '0-9a-z';
export const IMAGE_MAX = PIXELS;
const LEVELS = 15;

/** 28x28 values in [0, 1] -> text (values are clamped and quantized to 16 levels). */
export function encodeImage(img: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  while (i < PIXELS) {
    const q = level(img[i]);
    if (q === 0) {
      let j = i;
      while (j < PIXELS && level(img[j]) === 0) j++;
      const run = j - i;
      if (run >= 3) {
        out += 'z' + run.toString(36).padStart(2, '0');
        i = j;
        continue;
      }
    }
    out += q.toString(16);
    i++;
  }
  return out;
}

function level(v: number): number {
  const x = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
  return Math.round(x * LEVELS);
}

/** Text -> 28x28 values in [0, 1]; null when the text is not a whole image (the caller notes it and uses a safe image). */
export function decodeImage(text: string): Float32Array | null {
  const img = new Float32Array(PIXELS);
  let p = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === 'z') {
      if (i + 2 >= text.length) return null;
      const run = parseInt(text.slice(i + 1, i + 3), 36);
      if (!(run >= 1) || p + run > PIXELS) return null;
      p += run; // already zero
      i += 2;
      continue;
    }
    const q = parseInt(ch, 16);
    if (Number.isNaN(q) || p >= PIXELS) return null;
    img[p++] = q / LEVELS;
  }
  return p === PIXELS ? img : null;
}

/** The characters a kernel's text may hold: numbers separated by `_`. */
export const WEIGHT_CHARS = '0-9._\\-';
export const WEIGHTS_MAX = 300;

/** Kernel values -> "1_0_-1_..." (each rounded to 3 decimals). */
export function encodeWeights(w: ArrayLike<number>): string {
  return Array.from(w, (v) => String(Math.round(v * 1000) / 1000)).join('_');
}

/** "1_0_-1_..." -> exactly k*k finite values, or null when the text does not give them. */
export function decodeWeights(text: string, k: number): Float32Array | null {
  const parts = text.split('_');
  if (parts.length !== k * k) return null;
  const out = new Float32Array(k * k);
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i].trim() === '' ? NaN : Number(parts[i]);
    if (!Number.isFinite(v) || Math.abs(v) > 99) return null;
    out[i] = v;
  }
  return out;
}
