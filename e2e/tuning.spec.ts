/**
 * The tuning lesson in the browser: the gradient check passes without a bug
 * and flags the planted layer for each bug (chosen by ?bug=), the tiny set
 * overfits, and random search beats the grid over many searches, in time.
 */
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
  await page.goto('/lesson/tuning?scene=5&backend=cpu');
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
  await page.goto('/lesson/tuning?scene=6&backend=cpu');
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
