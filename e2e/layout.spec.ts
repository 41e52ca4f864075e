/**
 * Figure first (issue 12): on a laptop and a phone, after Play the scene's
 * main figure and the step readout are in the first screen; while training
 * plays nothing shifts (cumulative layout shift below 0.02 over 5 s).
 */
import type { Page } from '@playwright/test';
import { expect, test, waitForMetric } from './fixtures';
import { lessonIds } from './lessons';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Where the main figure and the step readout are, in page pixels, after the page settled. */
async function fold(page: Page) {
  return page.evaluate(() => {
    const fig = (document.querySelector('[data-figure][data-main]') ?? document.querySelector('[data-figure]')) as HTMLElement | null;
    const step = document.querySelector('[data-metric="step"]');
    const r = fig?.getBoundingClientRect();
    const s = step?.getBoundingClientRect();
    return {
      figure: r ? { top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height } : null,
      step: s ? { top: s.top + scrollY, bottom: s.bottom + scrollY } : null,
      overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

for (const id of lessonIds) {
  for (const size of SIZES) {
    test(`${id} at ${size.width}x${size.height}: after Play the main figure and the step readout are in the first screen`, async ({ page, errors }) => {
      await page.setViewportSize(size);
      await page.goto(`/lesson/${id}?backend=cpu`);
      await waitForMetric(page, 'step', (v) => v === 0);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await waitForMetric(page, 'step', (v) => v > 3);
      await expect(page.locator('[data-figure]').first()).toBeVisible();
      const f = await fold(page);
      test.info().annotations.push({ type: 'fold', description: JSON.stringify(f) });
      expect(f.step, 'step readout').not.toBeNull();
      expect(f.step!.bottom).toBeLessThanOrEqual(size.height);
      expect(f.figure, 'a [data-figure] on the page').not.toBeNull();
      // the figure is in view: all of it, or of a tall one at least 45% of the screen's height
      const visible = Math.min(f.figure!.bottom, size.height) - f.figure!.top;
      const need = Math.min(f.figure!.height, 0.45 * size.height);
      expect(visible, `main figure from ${Math.round(f.figure!.top)} to ${Math.round(f.figure!.bottom)} px`).toBeGreaterThanOrEqual(need - 1);
      expect(f.overflowX, 'no sideways scrolling').toBeLessThanOrEqual(0);
      await page.screenshot({ path: test.info().outputPath(`${id}-${size.width}.png`) });
      expect(errors).toEqual([]);
    });
  }

  test(`${id}: no layout shift while training plays for 5 s (CLS < 0.02)`, async ({ page, errors }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/lesson/${id}?backend=cpu`);
    await waitForMetric(page, 'step', (v) => v === 0);
    await expect(page.locator('[data-figure]').first()).toBeVisible();
    await page.evaluate(() => {
      const w = window as unknown as { __cls: { value: number; sources: string[] }[] };
      w.__cls = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
          if (e.hadRecentInput) continue;
          const sources = (e.sources ?? []).map((s) => {
            const el = s.node as Element | undefined;
            return el ? `${el.nodeName.toLowerCase()}.${(el as Element).className?.toString?.() ?? ''}` : '?';
          });
          w.__cls.push({ value: e.value, sources });
        }
      }).observe({ type: 'layout-shift', buffered: false });
    });
    // Play from the keyboard-free path a student takes; shifts right after the click count as input and are left out
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMetric(page, 'step', (v) => v > 3);
    await page.waitForTimeout(5000); // the measurement window itself: 5 s of play
    const shifts = await page.evaluate(() => (window as unknown as { __cls: { value: number; sources: string[] }[] }).__cls);
    const cls = shifts.reduce((a, s) => a + s.value, 0);
    expect(cls, `layout shifts: ${JSON.stringify(shifts.slice(0, 8))}`).toBeLessThan(0.02);
    expect(errors).toEqual([]);
  });
}

for (const id of lessonIds) {
  for (const size of SIZES) {
    test(`${id} at ${size.width}: the page holds still from navigation to 5 s after Play (CLS < 0.05)`, async ({ page, errors }) => {
      await page.setViewportSize(size);
      await page.addInitScript(() => {
        type Shift = { value: number; input: boolean; t: number; moved: string[] };
        const w = window as unknown as { __shifts: Shift[] };
        w.__shifts = [];
        new PerformanceObserver((list) => {
          type Entry = { value: number; hadRecentInput: boolean; startTime: number; sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
          for (const e of list.getEntries() as unknown as Entry[]) {
            // what moved, so a failure names the element (class, then its top and height before -> after)
            const moved = (e.sources ?? []).map((s) => {
              const el = s.node as Element | undefined;
              const name = el ? `${el.nodeName.toLowerCase()}.${String((el as HTMLElement).className ?? '')}` : '?';
              return `${name} y ${Math.round(s.previousRect.y)}->${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}->${Math.round(s.currentRect.height)}`;
            });
            w.__shifts.push({ value: e.value, input: e.hadRecentInput, t: Math.round(e.startTime), moved });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`/lesson/${id}?backend=cpu`);
      await waitForMetric(page, 'step', (v) => v === 0);
      await expect(page.locator('[data-figure]').first()).toBeVisible();
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await waitForMetric(page, 'step', (v) => v > 3);
      await page.waitForTimeout(5000); // the measurement window: 5 s of play
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; input: boolean; t: number; moved: string[] }[] }).__shifts);
      const cls = shifts.filter((s) => !s.input).reduce((a, s) => a + s.value, 0);
      test.info().annotations.push({ type: 'CLS', description: cls.toFixed(3) });
      expect(cls, `layout shifts: ${JSON.stringify(shifts.filter((s) => s.value > 0.001))}`).toBeLessThan(0.05);
      expect(errors).toEqual([]);
    });
  }
}
