/**
 * The page's digit: the drawing in the `image` param, or held-out test digit
 * number `digit` (the digits are fetched once on the page too, for the
 * "random test digit" button and for showing the digit before drawing).
 */
import { useEffect, useMemo, useState } from 'react';
import { data, type Digits } from '../../engine';
import { useStore } from '../../ui/store';
import { PIXELS, decodeImage } from './codec';

let once: Promise<Digits> | null = null;

export function useTestDigits(): Digits | null {
  const [d, setD] = useState<Digits | null>(null);
  useEffect(() => {
    let live = true;
    once ??= data.loadDigits();
    once.then((v) => live && setD(v)).catch(() => {
      once = null;
    });
    return () => {
      live = false;
    };
  }, []);
  return d;
}

/** The 28x28 image of the params, and whether it is a drawing (vs a test digit) and its label when it is one. */
export function useParamDigit(digits: Digits | null): { image: Float32Array; drawn: boolean; label: number | null; bad: boolean } {
  const text = useStore((s) => String(s.params.image ?? ''));
  const index = Number(useStore((s) => s.params.digit ?? 0));
  return useMemo(() => {
    const decoded = text ? decodeImage(text) : null;
    if (decoded) return { image: decoded, drawn: true, label: null, bad: false };
    if (!digits) return { image: new Float32Array(PIXELS), drawn: false, label: null, bad: !!text };
    const i = digits.test.start + Math.min(Math.max(0, index), digits.test.count - 1);
    return { image: data.digitPixels(digits, [i]), drawn: false, label: digits.labels[i], bad: !!text };
  }, [text, index, digits]);
}
