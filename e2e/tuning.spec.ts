/**
 * The tuning lesson in the browser: the gradient check passes without a bug
 * and flags the planted layer for each bug (chosen by ?bug=), the tiny set
 * overfits, random search beats the grid over many searches, in time; the
 * decayed learning rates end below the constant one, standardized inputs
 * train faster (and a tiny guard on σ hurts validation), and the capacity
 * control's diagnosis follows the training and validation errors.
 */
import type { Page } from '@playwright/test';
import { expect, metric, test, waitForMetric } from './fixtures';

const PLANTED: Record<string, number> = { sign: 3, bias: 2, batch: 1, activation: 2 };

test('gradient check: below 1e-2 with no bug, and the planted layer flagged for each bug', async ({ page, errors }) => {
  test.setTimeout(120_000);
  await page.goto('/lesson/tuning?backend=cpu');
  await expect(page.getByRole('heading', { name: 'Tuning and debugging a network' })).toBeVisible();
  const err = await waitForMetric(page, 'grad_rel_error', (v) => v > 0);
  expect(err).toBeLessThan(1e-2);
  expect(await metric(page, 'flagged_layer')).toBe(0);
  for (const [bug, layer] of Object.entries(PLANTED)) {
    await page.goto(`/lesson/tuning?view=gradcheck&bug=${bug}&eps=0.001&backend=cpu`);
    await waitForMetric(page, 'flagged_layer', (v) => v === layer);
    expect(await metric(page, 'grad_rel_error'), bug).toBeGreaterThan(0.1);
    await expect(page.locator('[data-check-verdict]')).toContainText(`Layer ${layer} is flagged`);
  }
  expect(errors).toEqual([]);
});

test('the ε slider moves the error: ε = 1e-6 is far worse than 1e-3', async ({ page, errors }) => {
  await page.goto('/lesson/tuning?view=gradcheck&eps=0.000001&backend=cpu');
  expect(await waitForMetric(page, 'grad_rel_error', (v) => v > 0)).toBeGreaterThan(1e-2);
  expect(errors).toEqual([]);
});

test('the 50 digits overfit; the raw-pixel net stays saturated', async ({ page, errors }) => {
  test.setTimeout(120_000);
  await page.goto('/lesson/tuning?scene=2&backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMetric(page, 'step', (v) => v >= 300, 90_000);
  expect(await metric(page, 'loss')).toBeLessThan(0.05);
  expect(await metric(page, 'train_error')).toBe(0);
  expect(await metric(page, 'broken_sat_1')).toBeGreaterThan(0.95);
  expect(errors).toEqual([]);
});

test('one search of 9 + 9 trials finishes in under 20 s and shows its progress', async ({ page, errors }) => {
  test.setTimeout(120_000);
  await page.goto('/lesson/tuning?scene=6&backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMetric(page, 'trials', (v) => v >= 18, 60_000);
  const secs = await metric(page, 'elapsed_s');
  test.info().annotations.push({ type: '9 + 9 search (s)', description: String(secs) });
  expect(secs).toBeLessThan(20);
  await expect(page.locator('[data-search-progress]')).toContainText('Trial 18 of 18');
  expect(await metric(page, 'best_val_grid')).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('many searches: random search beats the grid, in under 60 s', async ({ page, errors }) => {
  test.setTimeout(180_000);
  await page.goto('/lesson/tuning?scene=7&backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMetric(page, 'searches_done', (v) => v >= 20, 150_000);
  const secs = await metric(page, 'elapsed_s');
  test.info().annotations.push({ type: '20 searches, 360 trials (s)', description: String(secs) });
  expect(secs).toBeLessThan(60);
  expect(await metric(page, 'best_val_random')).toBeLessThan(await metric(page, 'best_val_grid'));
  expect(await metric(page, 'random_wins')).toBeGreaterThan(10);
  expect(errors).toEqual([]);
});

/** Opens a scene on the cpu backend and plays it at full speed until `steps`. */
async function playScene(page: Page, scene: number, steps: number): Promise<void> {
  await page.goto(`/lesson/tuning?scene=${scene}&backend=cpu`);
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMetric(page, 'step', (v) => v >= steps, 90_000);
}

test('decaying the learning rate: both schedules end below the constant η, and the halving run cut η', async ({ page, errors }) => {
  test.setTimeout(120_000);
  await playScene(page, 5, 400);
  const constant = await metric(page, 'loss');
  expect(await metric(page, 'loss_halve')).toBeLessThan(constant);
  expect(await metric(page, 'loss_inverse')).toBeLessThan(constant);
  expect(await metric(page, 'halvings')).toBeGreaterThanOrEqual(1);
  expect(await metric(page, 'lr_halve')).toBeLessThan(1);
  // ε₀τ / max(t, τ) at t = 401: 60 / 401
  expect(await metric(page, 'lr_inverse')).toBeCloseTo(60 / 401, 2);
  expect(errors).toEqual([]);
});

test('normalized inputs: standardized trains faster; σ = 0 pixels and a tiny guard hurt validation', async ({ page, errors }) => {
  test.setTimeout(120_000);
  await playScene(page, 8, 300);
  const below = await metric(page, 'below_std');
  expect(below).toBeGreaterThan(0);
  expect(await metric(page, 'below_raw')).toBeGreaterThan(2 * below);
  expect(await metric(page, 'dead_pixels')).toBeGreaterThan(150);
  expect(await metric(page, 'zeros_std')).toBeLessThan(0.3);
  expect(await metric(page, 'max_val_tiny')).toBeGreaterThan(1e7);
  expect(await metric(page, 'val_error_tiny')).toBeGreaterThan(await metric(page, 'val_error_std'));
  expect(errors).toEqual([]);
});

test('under- or over-fitting: 2 units under-fit, 8 over-fit, and the verdict follows the capacity control', async ({ page, errors }) => {
  test.setTimeout(120_000);
  await playScene(page, 9, 400);
  expect(await metric(page, 'train_error_2')).toBeGreaterThan(0.2);
  const verdict = page.locator('[data-capacity-verdict]');
  await expect(verdict).toContainText('under-fitting');
  expect(await metric(page, 'train_error_8')).toBe(0);
  expect(await metric(page, 'val_error_8')).toBeGreaterThan(0.2);
  // the control picks the net shown; nothing retrains
  await page.getByLabel('Hidden units (the net shown)').selectOption('8');
  await expect(verdict).toContainText('over-fitting');
  await waitForMetric(page, 'gap', (v) => v > 0.2);
  expect(await metric(page, 'step')).toBeGreaterThanOrEqual(400);
  expect(errors).toEqual([]);
});
