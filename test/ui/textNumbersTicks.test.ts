/**
 * Kit text and numbers: TeX-free text, readout numbers of bounded
 * width, ticks at powers of ten and whole steps, and chart history that a
 * rebuilt run replaces rather than extends.
 */
import { scaleLinear, scaleLog } from 'd3';
import { describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/ui/controls/Readout';
import { formatPow10, integerTicks, logTicks, pow10Format } from '../../src/ui/plots/Axes';
import { appendHistory, emptyHistory } from '../../src/ui/store';
import { plainMath } from '../../src/ui/text';

describe('plainMath', () => {
  it('turns single-letter scripts and commands into Unicode and leaves words alone', () => {
    expect(plainMath('h_t = W^t h_0')).toBe('hₜ = Wᵗ h₀');
    expect(plainMath('why W^t vanishes')).toBe('why Wᵗ vanishes');
    expect(plainMath('He’s variance 2/fan_in')).toBe('He’s variance 2/fan_in');
    expect(plainMath('\\sigma(x) and \\eta r')).toBe('σ(x) and η r');
    expect(plainMath('W^{-1}')).toBe('W⁻¹');
    expect(plainMath('no maths here')).toBe('no maths here');
  });
});

describe('formatMetric', () => {
  it('never prints NaN and keeps every number within 9 characters', () => {
    expect(formatMetric(undefined)).toBe('–');
    expect(formatMetric(NaN)).toBe('–');
    expect(formatMetric(Infinity)).toBe('∞');
    for (const v of [0.25, -0.0001234567, 123456.789, -98765.4321, 1e-12, 3.14159, 42, -7, 1234567]) {
      expect(formatMetric(v).length, String(v)).toBeLessThanOrEqual(9);
      expect(Math.abs(Number(formatMetric(v)) - v), String(v)).toBeLessThanOrEqual(0.01 * Math.abs(v));
    }
  });
});

describe('axis ticks', () => {
  it('log axes tick at powers of ten only, at most six, formatted alike', () => {
    const y = scaleLog().domain([3e-9, 2.5]).nice();
    const t = logTicks(y);
    expect(t.length).toBeLessThanOrEqual(6);
    for (const v of t) expect(Math.log10(v)).toBeCloseTo(Math.round(Math.log10(v)), 9);
    const f = pow10Format(t);
    expect(t.map(f).every((s) => s.startsWith('10'))).toBe(true);
    expect(pow10Format([0.01, 0.1, 1])(0.1)).toBe('0.1');
    expect(formatPow10(1e-5)).toBe('10⁻⁵');
  });
  it('step axes tick at whole numbers, even over a short run', () => {
    for (const hi of [1, 3, 7, 60, 1234]) {
      const t = integerTicks(scaleLinear().domain([0, hi]));
      expect(t.length).toBeGreaterThan(0);
      expect(t.every(Number.isInteger)).toBe(true);
    }
  });
});

describe('appendHistory', () => {
  it('a new run posted at the same step replaces the old point instead of keeping it', () => {
    let h = appendHistory(emptyHistory(), 0, { loss: 3.42 });
    h = appendHistory(h, 0, { loss: 0.25 });
    expect(h.step).toEqual([0]);
    expect(h.values.loss).toEqual([0.25]);
    h = appendHistory(h, 1, { loss: 0.24 });
    h = appendHistory(h, 0, { loss: 0.3 });
    expect(h.step).toEqual([0]);
    expect(h.values.loss).toEqual([0.3]);
  });
});
