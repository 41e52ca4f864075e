/** The own-data encoding (src/ui/pointData.ts): what a shared link carries must come back as the same points. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/engine';
import { POINT_CHARS, POINT_TEXT_MAX, POINTS_MAX, dataParam, decodePoints, encodePoints, snap, type DataPoint } from '../src/ui/pointData';
import { checkValue } from '../src/ui/params';

const R = [-0.5, 1.5] as const;

function randomPoints(n: number, seed: number, range: readonly [number, number] = R): DataPoint[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => ({
    x: range[0] + rng.next() * (range[1] - range[0]),
    y: range[0] + rng.next() * (range[1] - range[0]),
    cls: (rng.next() < 0.5 ? 0 : 1) as 0 | 1,
  }));
}

describe('own-data encoding', () => {
  it('round-trips: decode(encode(p)) is p on the 1/256 grid (within 1/512 of the range), classes exact; encode(decode(t)) is t', () => {
    for (const seed of [1, 2, 3]) {
      const pts = randomPoints(37, seed);
      const text = encodePoints(pts, R);
      expect(text).toMatch(new RegExp(`^[${POINT_CHARS}]+$`));
      const back = decodePoints(text, R);
      expect(back.problem).toBeUndefined();
      expect(back.points).toHaveLength(37);
      back.points!.forEach((q, i) => {
        expect(Math.abs(q.x - pts[i].x)).toBeLessThanOrEqual(2 / 512 + 1e-12);
        expect(Math.abs(q.y - pts[i].y)).toBeLessThanOrEqual(2 / 512 + 1e-12);
        expect(q.cls).toBe(pts[i].cls);
        expect(q).toEqual(snap(pts[i], R));
      });
      expect(encodePoints(back.points!, R)).toBe(text);
    }
  });

  it('keeps the XOR points exactly (0 and 1 lie on the grid of [-0.5, 1.5])', () => {
    const xor: DataPoint[] = [{ x: 0, y: 0, cls: 0 }, { x: 0, y: 1, cls: 1 }, { x: 1, y: 0, cls: 1 }, { x: 1, y: 1, cls: 0 }];
    expect(decodePoints(encodePoints(xor, R), R).points).toEqual(xor);
  });

  it('caps the set at POINTS_MAX points, and the longest text fits the param', () => {
    const text = encodePoints(randomPoints(POINTS_MAX + 30, 4), R);
    expect(decodePoints(text, R).points).toHaveLength(POINTS_MAX);
    expect(text.length).toBeLessThanOrEqual(POINT_TEXT_MAX);
    expect(checkValue(dataParam, text)).toEqual({ value: text });
    expect(POINT_TEXT_MAX).toBeLessThan(600);
  });

  it('clamps coordinates to the plot range (and non-finite ones to its low end)', () => {
    const pts: DataPoint[] = [{ x: -9, y: 42, cls: 1 }, { x: NaN, y: Infinity, cls: 0 }];
    const back = decodePoints(encodePoints(pts, R), R).points!;
    for (const p of back) {
      for (const v of [p.x, p.y]) {
        expect(v).toBeGreaterThanOrEqual(R[0]);
        expect(v).toBeLessThan(R[1]);
      }
    }
    expect(back[0].x).toBe(-0.5);
    expect(back[0].y).toBeCloseTo(1.5 - 2 / 256, 12);
    expect(back[1].x).toBe(-0.5);
  });

  it('an empty text is the lesson’s data; malformed text gives the lesson’s data and a problem, never a throw', () => {
    expect(decodePoints('', R)).toEqual({ points: null });
    const good = encodePoints(randomPoints(10, 5), R);
    const bad = ['A', '!!!!', 'AAAA', good.slice(0, -3), good + 'AAAA', '_____', 'ÿÿ', '%3Cb%3E', 'AA', encodePoints([], R) + 'A'];
    for (const t of bad) {
      let out: ReturnType<typeof decodePoints> | undefined;
      expect(() => (out = decodePoints(t, R)), t).not.toThrow();
      expect(out!.points, t).toBeNull();
      expect(out!.problem, t).toBeTruthy();
    }
    // random junk of the right alphabet never throws either
    const rng = new Rng(9);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let k = 0; k < 500; k++) {
      const t = Array.from({ length: 1 + rng.int(40) }, () => alphabet[rng.int(64)]).join('');
      expect(() => decodePoints(t, R)).not.toThrow();
    }
  });

  it('the param rejects characters outside base64url and text over the cap (the schema falls back to the empty default)', () => {
    expect(checkValue(dataParam, '<img>').value).toBe('');
    expect(checkValue(dataParam, 'A'.repeat(POINT_TEXT_MAX + 1)).value).toBe('');
  });
});
