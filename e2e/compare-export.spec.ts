/**
 * Issue 18, compare runs and export for slides: keep a run, change the
 * learning rate, play, and see two labelled curves; export a figure as PNG
 * (decoded: signature, IHDR size = 2x the figure, tEXt source), as SVG
 * (parsed, holds the live curve) and the metrics as CSV (one row per
 * recorded step, the last at the readout's step).
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { PLOT_INTERVAL_MS } from '../src/ui/plotInterval';
import { expect, metric, test, waitForMetric } from './fixtures';

const XOR = '/lesson/xor?backend=cpu&scene=2';

async function train(page: Page, steps: number) {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMetric(page, 'step', (v) => v >= steps);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // paused: the step stops moving (then the charts, redrawn every 200 ms, catch up)
  let prev = -1;
  await expect
    .poll(async () => {
      const s = await metric(page, 'step');
      const same = s === prev;
      prev = s;
      return same;
    }, { intervals: [300] })
    .toBe(true);
  // the charts redraw at most every PLOT_INTERVAL_MS after the last message: past two periods they show the final step
  await page.waitForTimeout(2 * PLOT_INTERVAL_MS + 100);
}

/** The y pixel of a path's last point (d3 line: M x,y L x,y ...). */
const lastY = (d: string) => Number(d.trim().split(/[ML]/).filter(Boolean).pop()!.split(',')[1]);

async function exportFile(page: Page, figure: string, item: string): Promise<{ dl: Download; bytes: Buffer }> {
  const fig = page.locator(`[data-figure="${figure}"]`);
  await fig.getByRole('button', { name: `Export figure ${figure}` }).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), fig.getByRole('menuitem', { name: item }).click()]);
  const bytes = await readFile((await dl.path())!);
  await page.keyboard.press('Escape');
  return { dl, bytes };
}

test('keep a run, change the learning rate, play: two labelled curves, in the link too', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(XOR);
  await waitForMetric(page, 'step', (v) => v === 0);
  await train(page, 150);
  await page.getByRole('button', { name: 'Keep this run' }).click();
  await expect(page).toHaveURL(/[?&]kept=[A-Za-z0-9_-]+/);

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByLabel('Learning rate value').fill('0.05');
  await page.getByLabel('Learning rate value').press('Enter');
  await expect(page).toHaveURL(/lr=0.05/);
  await waitForMetric(page, 'step', (v) => v === 0);
  await train(page, 150);

  const loss = page.locator('[data-figure="loss"]');
  const ghost = loss.locator('path.ghost');
  await expect(ghost).toHaveCount(1);
  await expect(ghost).toHaveAttribute('data-ghost', 'lr 0.2');
  await expect(loss.locator('[data-ghost-label="lr 0.2"]')).toHaveText('lr 0.2');
  await expect(page.getByLabel('Label of kept run 1')).toHaveAttribute('placeholder', 'lr 0.2');
  // the kept run (lr 0.2) went far lower than the live one (lr 0.05) in the same number of steps: its end is lower on the chart
  const live = (await loss.locator('path[data-series="loss"]').getAttribute('d'))!;
  const kept = (await ghost.getAttribute('d'))!;
  expect(live.length).toBeGreaterThan(20);
  expect(lastY(kept) - lastY(live)).toBeGreaterThan(20);

  // the link carries the kept run: a fresh page draws it with the same label
  const url = page.url();
  await page.goto(url);
  await expect(page.locator('[data-figure="loss"] path.ghost')).toHaveAttribute('data-ghost', 'lr 0.2');

  // an own label, then clearing: gone from the chart and the link
  await page.getByLabel('Label of kept run 1').fill('fast');
  await expect(page.locator('[data-figure="loss"] [data-ghost-label="fast"]')).toBeVisible();
  await page.getByRole('button', { name: 'Clear kept runs' }).click();
  await expect(page.locator('path.ghost')).toHaveCount(0);
  await expect(page).not.toHaveURL(/kept=/);
  expect(errors).toEqual([]);
});

test('export the loss figure as PNG, SVG and CSV, and the surface (a canvas) as PNG only', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(XOR);
  await waitForMetric(page, 'step', (v) => v === 0);
  await train(page, 60);
  const step = await metric(page, 'step');
  const fig = page.locator('[data-figure="loss"]');
  await fig.scrollIntoViewIfNeeded();
  const box = (await fig.boundingBox())!;
  const livePath = (await fig.locator('path[data-series="loss"]').getAttribute('d'))!;

  // PNG: a real image twice the figure's size, with where it came from in a tEXt chunk
  const png = await exportFile(page, 'loss', 'PNG (2×)');
  expect(png.dl.suggestedFilename()).toMatch(/^xor-scene3-seed2-[0-9a-f]{6}-loss\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(png.bytes.toString('latin1', 12, 16)).toBe('IHDR');
  expect(Math.abs(png.bytes.readUInt32BE(16) - 2 * box.width)).toBeLessThanOrEqual(1);
  expect(Math.abs(png.bytes.readUInt32BE(20) - 2 * box.height)).toBeLessThanOrEqual(1);
  const latin = png.bytes.toString('latin1');
  expect(latin).toContain('tEXtComment\0lesson=xor scene=2 params=');
  expect(latin).toContain('lr=0.2');
  // not a blank canvas: the decoded picture has more than a background (checked in the page, which can decode PNGs)
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, png.bytes.toString('base64'));
  expect(colours).toBeGreaterThan(3);

  // SVG: parses, standalone styles, the live curve and the params in <metadata>
  const svg = await exportFile(page, 'loss', 'SVG');
  expect(svg.dl.suggestedFilename()).toMatch(/^xor-scene3-seed2-[0-9a-f]{6}-loss\.svg$/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const curve = doc.querySelector('path[data-series="loss"]');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      d: curve?.getAttribute('d') ?? null,
      stroke: curve?.getAttribute('style')?.match(/stroke:([^;]+)/)?.[1] ?? null,
      metadata: doc.querySelector('metadata')?.textContent ?? '',
    };
  }, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.d).toBe(livePath);
  expect(parsed.stroke).toMatch(/rgb/);
  expect(JSON.parse(parsed.metadata)).toMatchObject({ lesson: 'xor', scene: 2, figure: 'loss', params: { lr: 0.2, seed: 2 } });

  // CSV: a source comment, a header, one row per recorded step (the points of the loss curve), the last at the readout's step
  const csv = await exportFile(page, 'loss', 'Metrics (CSV)');
  expect(csv.dl.suggestedFilename()).toMatch(/^xor-scene3-seed2-[0-9a-f]{6}-metrics\.csv$/);
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  expect(lines[0]).toMatch(/^# lesson=xor scene=2 params=.*lr=0\.2/);
  const header = lines[1].split(',');
  expect(header[0]).toBe('step');
  expect(header).toContain('loss');
  const rows = lines.slice(2).map((l) => l.split(',').map(Number));
  expect(rows.length).toBeGreaterThan(5);
  for (const r of rows) expect(r).toHaveLength(header.length);
  const steps = rows.map((r) => r[0]);
  steps.slice(1).forEach((s, i) => expect(s).toBeGreaterThan(steps[i]));
  expect(steps[steps.length - 1]).toBe(step);
  expect(rows.length).toBe(livePath.split('L').length);
  const lossCol = header.indexOf('loss');
  expect(rows[rows.length - 1][lossCol]).toBeCloseTo(await metric(page, 'loss'), 3);

  // the decision surface is a canvas: PNG yes (composited, twice the size), SVG not offered
  const surface = page.locator('[data-figure="surface"]');
  await surface.scrollIntoViewIfNeeded();
  const sbox = (await surface.boundingBox())!;
  const spng = await exportFile(page, 'surface', 'PNG (2×)');
  expect(Math.abs(spng.bytes.readUInt32BE(16) - 2 * sbox.width)).toBeLessThanOrEqual(1);
  await surface.getByRole('button', { name: 'Export figure surface' }).click();
  await expect(surface.getByRole('menuitem', { name: 'PNG (2×)' })).toBeVisible();
  await expect(surface.getByRole('menuitem', { name: 'SVG' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Copy figure puts a PNG on the clipboard where the browser allows it', async ({ page, context, errors }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(XOR);
  await waitForMetric(page, 'step', (v) => v === 0);
  await train(page, 20);
  const fig = page.locator('[data-figure="loss"]');
  await fig.getByRole('button', { name: 'Export figure loss' }).click();
  await fig.getByRole('menuitem', { name: 'Copy figure' }).click();
  await expect(fig.locator('.export-note')).toHaveText(/Copied/);
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((i) => [...i.types]));
  expect(types).toContain('image/png');
  expect(errors).toEqual([]);
});

test('on a phone, Keep this run is in the figure menu of a line chart; the kept runs then get a row', async ({ page, errors }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(XOR);
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.getByRole('button', { name: 'Keep this run' })).toBeHidden();
  await train(page, 40);
  const fig = page.locator('[data-figure="loss"]');
  await fig.getByRole('button', { name: 'Export figure loss' }).click();
  await fig.getByRole('menuitem', { name: 'Keep this run' }).click();
  await expect(fig.locator('path.ghost')).toHaveCount(1);
  await expect(page.getByLabel('Label of kept run 1')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clear kept runs' })).toBeVisible();
  // a figure without a line chart offers no Keep
  await page.locator('[data-figure="surface"]').getByRole('button', { name: 'Export figure surface' }).click();
  await expect(page.locator('[data-figure="surface"]').getByRole('menuitem', { name: 'Keep this run' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
