/**
 * Own data in the 2-D lessons: points added by clicking (or tapping) on the
 * data figure are the training set, travel in the URL, and a reset brings the
 * lesson's data back.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, metric, test, waitForMetric } from './fixtures';

const surface = (page: Page) => page.locator('[data-figure="surface"]');
const points = (fig: Locator) => fig.locator('[data-point]');

/** Centres of the drawn points, in page pixels. */
async function centres(fig: Locator): Promise<{ x: number; y: number; cls: string | null }[]> {
  return points(fig).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, cls: e.getAttribute('data-cls') };
    }),
  );
}

test('XOR: three clicks add three points, the URL carries them, a drag moves one, reset brings the four back', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu&scene=2');
  const fig = surface(page);
  await expect(points(fig)).toHaveCount(4);
  await waitForMetric(page, 'points', (v) => v === 4);
  await expect(page).not.toHaveURL(/data=/);
  const area = fig.locator('[data-edit-area]');
  const box = (await area.boundingBox())!;
  // two of class 0, then one of class 1 chosen with the toggle (the touch way: no shift key needed)
  await area.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
  await expect(points(fig)).toHaveCount(5);
  await area.click({ position: { x: box.width * 0.15, y: box.height * 0.85 } });
  await page.getByRole('button', { name: 'Class 1' }).click();
  await area.click({ position: { x: box.width * 0.85, y: box.height * 0.15 } });
  await expect(points(fig)).toHaveCount(7);
  await waitForMetric(page, 'points', (v) => v === 7);
  // editing never moves the plot under the pointer
  expect(await area.boundingBox()).toEqual(box);
  await expect(page).toHaveURL(/[?&]data=[A-Za-z0-9_-]+/);
  await expect(page.locator('[data-own-note]')).toContainText('four XOR points');
  const before = await centres(fig);
  expect(before.map((p) => p.cls)).toEqual(['0', '1', '1', '0', '0', '0', '1']);
  // the added points sit where they were clicked (within a step of the 1/256 grid)
  expect(Math.abs(before[4].x - (box.x + box.width * 0.5))).toBeLessThan(2);
  expect(Math.abs(before[6].y - (box.y + box.height * 0.15))).toBeLessThan(2);

  // the link reproduces the data set: same count, same places, and the run trains on it
  const url = page.url();
  await page.goto(url);
  await expect(points(fig)).toHaveCount(7);
  await waitForMetric(page, 'points', (v) => v === 7);
  const after = await centres(fig);
  after.forEach((p, i) => {
    expect(Math.abs(p.x - before[i].x)).toBeLessThan(1);
    expect(Math.abs(p.y - before[i].y)).toBeLessThan(1);
    expect(p.cls).toBe(before[i].cls);
  });
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 20);

  // drag the point added in the middle 40 px right and 30 px up
  const p = after[4];
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + 20, p.y - 15, { steps: 4 });
  await page.mouse.move(p.x + 40, p.y - 30, { steps: 4 });
  await page.mouse.up();
  await expect(page).not.toHaveURL(url);
  await expect.poll(async () => (await centres(fig))[4]).toMatchObject({ cls: '0' });
  const moved = (await centres(fig))[4];
  expect(Math.abs(moved.x - (p.x + 40))).toBeLessThan(2);
  expect(Math.abs(moved.y - (p.y - 30))).toBeLessThan(2);
  await expect(points(fig)).toHaveCount(7);

  // remove mode takes a point away
  await page.getByRole('button', { name: 'Remove' }).click();
  await page.mouse.click(moved.x, moved.y);
  await expect(points(fig)).toHaveCount(6);
  await waitForMetric(page, 'points', (v) => v === 6);

  await page.getByRole('button', { name: 'Reset data' }).click();
  await expect(points(fig)).toHaveCount(4);
  await waitForMetric(page, 'points', (v) => v === 4);
  await expect(page).not.toHaveURL(/data=/);
  await expect(page.locator('[data-own-note]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('dropout: a click adds a training point (80 -> 81) and the validation set stays', async ({ page, errors }) => {
  await page.goto('/lesson/dropout?backend=cpu&scene=0');
  const fig = page.locator('[data-figure="boundaries"] .boundary').first();
  await expect(points(fig)).toHaveCount(80);
  await waitForMetric(page, 'points', (v) => v === 80);
  const area = fig.locator('[data-edit-area]');
  const box = (await area.boundingBox())!;
  await area.click({ position: { x: box.width * 0.1, y: box.height * 0.1 } });
  await expect(points(fig)).toHaveCount(81);
  await waitForMetric(page, 'points', (v) => v === 81);
  await expect(page).toHaveURL(/[?&]data=/);
  await expect(page.locator('[data-own-note]')).toBeVisible();
  // both boundaries show the same (edited) training set
  await expect(points(page.locator('[data-figure="boundaries"] .boundary').nth(1))).toHaveCount(81);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 20);
  expect(await metric(page, 'points')).toBe(81);
  expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a tap on the XOR surface adds a point', async ({ page, errors }) => {
    await page.goto('/lesson/xor?backend=cpu&scene=2');
    const fig = surface(page);
    await expect(points(fig)).toHaveCount(4);
    const area = fig.locator('[data-edit-area]');
    const box = (await area.boundingBox())!;
    await area.tap({ position: { x: box.width * 0.3, y: box.height * 0.6 } });
    await expect(points(fig)).toHaveCount(5);
    await waitForMetric(page, 'points', (v) => v === 5);
    await expect(page).toHaveURL(/[?&]data=/);
    expect(errors).toEqual([]);
  });
});
