/**
 * Figure colours against both themes' backgrounds: a line or swatch the
 * dark theme hides (the optimizer race's black SGD line did, 1.2:1) fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RACER_COLORS } from '../../src/lessons/optimizers/style';
import { layerColor, palette } from '../../src/ui/plots/colors';

const css = readFileSync(new URL('../../src/ui/styles.css', import.meta.url), 'utf8');
const backgrounds = [...css.matchAll(/--bg:\s*(#[0-9a-fA-F]{6})/g)].map((m) => m[1]);

function luminance(c: string): number {
  const rgb = c.startsWith('#') ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

// 2:1 is below WCAG's 3:1 for graphics, which Okabe-Ito's sky blue (2.2:1 on white) misses; the lines are
// 2-3 px wide and named in a legend. What this catches is a colour that disappears into one theme.
const MIN = 2;

describe('chart colours on the light and the dark theme', () => {
  it('finds both backgrounds in the stylesheet', () => {
    expect(new Set(backgrounds).size).toBe(2);
  });
  const colours: [string, string][] = [
    ...Object.entries(RACER_COLORS).map(([k, v]) => [`racer ${k}`, v] as [string, string]),
    ...palette.slice(0, 6).map((v, i) => [`palette ${i}`, v] as [string, string]),
    ['first layer', layerColor(0, 10)],
    ['last layer', layerColor(9, 10)],
  ];
  for (const [name, c] of colours) {
    it(`${name} (${c}) stands out from both backgrounds`, () => {
      for (const bg of backgrounds) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(MIN);
    });
  }
});
