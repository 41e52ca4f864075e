import { describe, expect, it } from 'vitest';
import { decodeRuns, encodeRuns, fromBase64Url, hash32, thinIndices, toBase64Url, type KeptRun } from '../../src/ui/compare/encode';
import { keptLabel, paramDiff } from '../../src/ui/compare/labels';
import { params as xorParams } from '../../src/lessons/xor/meta';
import { defaults } from '../../src/ui/params';

/** A loss-like curve: positive, falling over four decades, with a gap. */
function lossCurve(n: number) {
  const x = Array.from({ length: n }, (_, i) => i * 5);
  const y = x.map((s) => 0.25 * Math.exp(-s / 300) + 1e-5);
  y[7] = NaN;
  return { x, y };
}

const K = hash32('figure/title');

describe('kept runs in the link', () => {
  it('round-trips runs: labels, params, chart and series names, colours, dashes, and the curves to 16-bit precision', () => {
    const a = lossCurve(40);
    const runs: KeptRun[] = [
      { label: '', params: { lr: 0.5, seed: 3 }, charts: { [hash32('loss/Training loss')]: [{ name: hash32('loss'), ...a, color: '#0072B2' }] } },
      {
        label: 'mein Lauf ✓',
        params: { model: 'linear', seed: 1 },
        charts: {
          [hash32('a')]: [
            { name: hash32('x'), x: [0, 1, 2], y: [-1, 0.5, 2], dashed: true },
            { name: hash32('y'), x: [0, 10], y: [3, 3], color: 'var(--fg)' },
          ],
        },
      },
    ];
    const text = encodeRuns(runs, 60);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = decodeRuns(text);
    expect(back).toHaveLength(2);
    expect(back[0].params).toEqual({ lr: '0.5', seed: '3' });
    expect(back[1].label).toBe('mein Lauf ✓');
    const s = back[0].charts[hash32('loss/Training loss')][0];
    expect(s.name).toBe(hash32('loss'));
    expect(s.color).toBe('#0072b2');
    expect(s.x).toHaveLength(40);
    // stored in log10 over 4 decades: relative error well under 0.1%
    a.y.forEach((v, i) => (Number.isNaN(v) ? expect(s.y[i]).toBeNaN() : expect(Math.abs(s.y[i] / v - 1)).toBeLessThan(1e-3)));
    a.x.forEach((v, i) => expect(s.x[i]).toBeCloseTo(v, 1));
    const [x, y] = back[1].charts[hash32('a')];
    expect(x.dashed).toBe(true);
    expect(y.color).toBeUndefined(); // a CSS variable is not a colour the link can carry: the palette decides
    expect(x.y.map((v) => Math.round(v * 1000) / 1000)).toEqual([-1, 0.5, 2]);
    y.y.forEach((v) => expect(v).toBeCloseTo(3, 6));
  });

  it('keeps a loss that reaches exactly 0 on the log scale: small values survive, the zero stays zero', () => {
    const y = [0.25, 1e-3, 1e-9, 1e-14, 0, 0];
    const back = decodeRuns(encodeRuns([{ label: '', params: {}, charts: { [K]: [{ name: hash32('l'), x: [0, 1, 2, 3, 4, 5], y }] } }]));
    const got = back[0].charts[K][0].y;
    y.forEach((v, i) => (v === 0 ? expect(got[i]).toBe(0) : expect(Math.abs(got[i] / v - 1)).toBeLessThan(1e-3)));
  });

  it('thins a long curve to the point budget, keeping both ends', () => {
    const a = lossCurve(1500);
    const back = decodeRuns(encodeRuns([{ label: '', params: {}, charts: { [K]: [{ name: hash32('l'), ...a }] } }], 60));
    const s = back[0].charts[K][0];
    expect(s.x).toHaveLength(60);
    expect(s.x[0]).toBe(0);
    expect(s.x[59]).toBeCloseTo(1499 * 5, 0);
    expect(thinIndices(1500, 60)[59]).toBe(1499);
    expect(thinIndices(10, 60)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('one 60-point curve costs under 400 characters of the link', () => {
    const a = lossCurve(1000);
    const text = encodeRuns([{ label: '', params: { lr: 0.5 }, charts: { [K]: [{ name: hash32('loss'), ...a }] } }], 60);
    expect(text.length).toBeLessThan(400);
  });

  it('rejects a malformed, cut or foreign string with an error instead of drawing garbage', () => {
    const good = encodeRuns([{ label: 'x', params: {}, charts: { [K]: [{ name: hash32('l'), x: [0, 1], y: [1, 2] }] } }]);
    expect(() => decodeRuns(good.slice(0, -6))).toThrow(/cut short|left over/);
    expect(() => decodeRuns('<script>')).toThrow(/characters/);
    expect(() => decodeRuns(toBase64Url(Uint8Array.from([9, 0])))).toThrow(/unknown format/);
    expect(() => decodeRuns(good + 'AAAA')).toThrow(/left over/);
    expect(Array.from(fromBase64Url(toBase64Url(Uint8Array.from([0, 255, 251, 62, 63]))))).toEqual([0, 255, 251, 62, 63]);
  });
});

describe('kept run labels', () => {
  const live = { ...defaults(xorParams), lr: 0.2 };
  it('names what differs from the live run, else from the scene, else "run n"', () => {
    expect(keptLabel(xorParams, { label: '', params: { ...live, lr: 0.5 } }, 0, live, live)).toBe('lr 0.5');
    expect(keptLabel(xorParams, { label: '', params: live }, 0, live, { ...live, hidden: 2 })).toBe('hidden 4');
    expect(keptLabel(xorParams, { label: '', params: live }, 1, live, live)).toBe('run 2');
    expect(keptLabel(xorParams, { label: ' mine ', params: { ...live, lr: 0.5 } }, 0, live, live)).toBe('mine');
  });
  it('leaves out params that do not apply to the kept run (lr of the hand-set network)', () => {
    expect(paramDiff(xorParams, { ...live, model: 'handset', lr: 1 }, live)).toBe('model handset');
    expect(paramDiff(xorParams, { ...live, lr: 0.123456 }, live)).toBe('lr 0.123');
  });
});
