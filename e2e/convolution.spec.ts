import type { Page } from '@playwright/test';
import { expect, expectNoLongTasks, metric, test, waitForMetric, watchMainThread } from './fixtures';

/** The checksum (sum of |S|) of the kernel figure's feature map. */
const mapSum = (page: Page) => page.locator('[data-figure="kernel"] canvas.feature-map').getAttribute('data-sum');

/** A stroke across the drawing pad with the mouse. */
async function drawWithMouse(page: Page) {
  const box = (await page.getByTestId('drawpad').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.3 + 0.03 * i), box.y + box.height * (0.2 + 0.05 * i));
  await page.mouse.up();
}

test('drawing with the mouse changes the image, the feature map and the worker’s prediction input', async ({ page, errors }) => {
  await page.goto('/lesson/convolution?backend=cpu&scene=0');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await waitForMetric(page, 'prediction', (v) => Number.isInteger(v) && v >= 0 && v <= 9);
  await expect(page.getByText(/Held-out test digit #4/)).toBeVisible();
  const before = await mapSum(page);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect.poll(() => mapSum(page)).toBe('0.0000');
  await drawWithMouse(page);
  await expect(page).toHaveURL(/image=/);
  await expect(page.getByText('Your drawing, prepared like the training digits.')).toBeVisible();
  const after = await mapSum(page);
  expect(Number(after)).toBeGreaterThan(0);
  expect(after).not.toBe(before);
  // the sum of products shown for a hovered output pixel is that pixel of the map
  const out = page.locator('[data-figure="slide"] canvas.pointable');
  const ob = (await out.boundingBox())!;
  await page.mouse.move(ob.x + ob.width * 0.5, ob.y + ob.height * 0.5);
  await expect(page.getByTestId('slide-pos')).toContainText('pixel (13, 13)');
  expect(errors).toEqual([]);
});

test('a kernel preset changes the feature map; stride and padding change the output size', async ({ page, errors }) => {
  await page.goto('/lesson/convolution?backend=cpu&scene=1');
  const kernelFig = page.locator('[data-figure="kernel"]');
  await expect.poll(async () => Number(await mapSum(page))).toBeGreaterThan(0);
  const horizontal = await mapSum(page);
  await kernelFig.getByLabel('Kernel K').selectOption('vertical');
  await expect.poll(() => mapSum(page)).not.toBe(horizontal);
  await expect(page).toHaveURL(/kernel=vertical/);
  // editing one number makes the kernel custom
  await kernelFig.getByLabel('K(1,1)').fill('3');
  await kernelFig.getByLabel('K(1,1)').press('Enter');
  await expect(page).toHaveURL(/kernel=custom/);
  await page.goto('/lesson/convolution?backend=cpu&scene=2');
  await expect(page.getByTestId('out-size')).toContainText('14 × 14');
  await page.locator('[data-figure="shape"]').getByLabel('padding').selectOption('full');
  await expect(page.getByTestId('out-size')).toContainText('15 × 15');
  expect(errors).toEqual([]);
});

test('the one-pixel shift demo: max pooling shrinks the relative change of the detector map', async ({ page, errors }) => {
  await page.goto('/lesson/convolution?backend=cpu&scene=3');
  const cell = (attr: string, key: string) => page.locator(`[data-testid="shift-sizes"] [data-shift-${attr}="${key}"]`);
  await expect(cell('change', 'det')).not.toHaveText('0.00');
  const det = Number(await cell('change', 'det').textContent());
  const max = Number(await cell('change', 'max').textContent());
  const avg = Number(await cell('change', 'avg').textContent());
  // ||p(shifted) - p|| / ||p|| against the same for the detector map, as the scene's claims state them
  expect(det).toBeGreaterThan(0.5);
  expect(max).toBeGreaterThan(0);
  expect(max).toBeLessThan(0.75 * det);
  expect(Number(await cell('ratio', 'max').textContent())).toBeLessThan(0.75);
  expect(avg).toBeLessThan(0.8 * det);
  // the count tells max and average apart: average pooling changes nearly every value it has
  expect(parseFloat((await cell('moved', 'avg').textContent())!)).toBeGreaterThan(80);
  expect(parseFloat((await cell('moved', 'max').textContent())!)).toBeLessThan(80);
  // switching to average pooling keeps the measured rows and marks the average one as current
  await page.locator('[data-figure="pool"]').getByLabel('pooling', { exact: true }).selectOption('avg');
  await expect(page.locator('[data-shift-row="avg"].current')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('Play trains the CNN in the worker: test accuracy rises above 0.9, prediction is a digit', async ({ page, errors }) => {
  test.setTimeout(300_000);
  await page.goto('/lesson/convolution?backend=cpu&scene=5');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await waitForMetric(page, 'prediction', (v) => Number.isInteger(v) && v >= 0 && v <= 9);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'test_accuracy', (v) => v > 0.9, 280_000);
  const p = await metric(page, 'prediction');
  expect(Number.isInteger(p) && p >= 0 && p <= 9).toBe(true);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('[data-figure="filters"] canvas')).toHaveCount(8);
  // the confident bar's per-cent label and the last step tick ("100") are drawn inside their charts, not cut at the edge
  const clipped = await page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll('[data-figure] svg[role="img"]')) {
      const b = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        const over = Math.max(b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom);
        // a text box includes the font's ascent and descent: a pixel or two past the edge cuts no glyph
        if (r.width && over > 2) out.push(`${t.textContent} (${over.toFixed(1)} px)`);
      }
    }
    return out;
  });
  expect(await page.locator('[data-figure="probs"] svg text.tick').count(), 'a bar carries its per-cent label').toBeGreaterThan(0);
  expect(clipped, 'chart text cut at its chart’s edge').toEqual([]);
  expect(errors).toEqual([]);
});

test.describe('phone with touch', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  test('works 360 px wide: a finger draws a digit', async ({ page, errors }) => {
    await page.goto('/lesson/convolution?backend=cpu&scene=0');
    await waitForMetric(page, 'prediction', (v) => v >= 0 && v <= 9);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => mapSum(page)).toBe('0.0000');
    const pad = page.getByTestId('drawpad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const pt = (fx: number, fy: number) => [{ x: box.x + box.width * fx, y: box.y + box.height * fy, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pt(0.5, 0.15) });
    for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pt(0.5, 0.15 + 0.07 * i) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(page).toHaveURL(/image=/);
    expect(Number(await mapSum(page))).toBeGreaterThan(0);
    // nothing wider than the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});

test('presenter mode and the embed show the lesson', async ({ page, errors }) => {
  // a projector's screen: at 1280x720 the presenter stage has room for the probabilities alone (it shows fewer figures, not smaller ones)
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/lesson/convolution?backend=cpu&scene=5');
  await waitForMetric(page, 'prediction', (v) => v >= 0 && v <= 9);
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting]')).toBeVisible();
  await expect(page.locator('[data-figure="probs"]')).toBeVisible();
  await expect(page.getByTestId('drawpad')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/scene=4/);
  await expect(page.getByTestId('conv-params')).toHaveText('208');
  await page.goto('/embed/convolution?backend=cpu');
  await waitForMetric(page, 'prediction', (v) => v >= 0 && v <= 9);
  await expect(page.getByTestId('drawpad')).toBeVisible();
  expect(errors).toEqual([]);
});

test('sliding and drawing stay smooth while the CNN trains: no main-thread task does 50 ms of work', { tag: '@smooth' }, async ({ page, errors }) => {
  test.setTimeout(120_000);
  await page.goto('/lesson/convolution?backend=cpu&scene=0');
  await waitForMetric(page, 'prediction', (v) => v >= 0 && v <= 9);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 2);
  const watched = await watchMainThread(page, async () => {
    await page.getByRole('button', { name: 'Slide the kernel' }).click();
    await drawWithMouse(page);
    await page.waitForTimeout(4000);
  });
  console.log(`main-thread task CPU ms (largest): ${watched.taskCpuMs.slice(0, 5).join(', ')}`);
  expectNoLongTasks(watched);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});
