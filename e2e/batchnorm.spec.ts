import { expect, metric, test, waitForMetric } from './fixtures';

test('a deep sigmoid net: with batch norm it learns the digits while the plain one stays at chance with a vanishing bottom gradient', async ({ page, errors }) => {
  await page.goto('/lesson/batchnorm?scene=1&backend=cpu');
  await expect(page.getByRole('heading', { name: 'Batch normalization' })).toBeVisible();
  await expect(page.getByLabel('Hidden layers value')).toHaveValue('6');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v >= 2);
  expect(await metric(page, 'grad_ratio_plain')).toBeLessThan(1e-3);
  expect(await metric(page, 'grad_ratio_bn')).toBeGreaterThan(0.1);
  await waitForMetric(page, 'accuracy_bn', (v) => v >= 0.8, 120_000);
  expect(await metric(page, 'accuracy_plain')).toBeLessThan(0.2);
  expect(await metric(page, 'accuracy')).toBe(await metric(page, 'accuracy_bn'));
  await expect(page.locator('[data-figure="race"] svg').first()).toBeVisible();
  await expect(page.locator('[data-figure="grads"] svg').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('what it computes: the live batch statistics of the shown unit fill in and move as it trains', async ({ page, errors }) => {
  await page.goto('/lesson/batchnorm?backend=cpu');
  const mu = page.locator('[data-live="unit-stats"] [data-slot="mu"]');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 20);
  await expect(mu).toHaveText(/^−?\d/);
  const first = await mu.textContent();
  await waitForMetric(page, 'step', (v) => v > 200, 60_000);
  await expect(mu).not.toHaveText(first ?? '');
  await expect(page.locator('[aria-label="Histograms of the normalized y, one per unit"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('train and test mode: running averages classify, a batch of one digit gives one answer for every digit', async ({ page, errors }) => {
  await page.goto('/lesson/batchnorm?scene=3&backend=cpu');
  await expect(page.getByLabel('Experiment', { exact: true })).toHaveValue('modes');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'accuracy_running', (v) => v >= 0.8, 120_000);
  expect(await metric(page, 'answers_single')).toBe(1);
  expect(await metric(page, 'accuracy_single')).toBeLessThan(0.2);
  expect(await metric(page, 'accuracy_unupdated')).toBeLessThan(0.3);
  expect(await metric(page, 'running_var')).not.toBe(1);
  expect(errors).toEqual([]);
});

const held = (page: import('@playwright/test').Page, id: string) => expect(page.locator(`[data-claim="${id}"]`)).toHaveAttribute('data-claim-state', 'held', { timeout: 60_000 });

test('larger learning rates: the sweep runs to its end; with batch norm the largest rate that trains is ten times the plain net\'s', async ({ page, errors }) => {
  await page.goto('/lesson/batchnorm?scene=2&backend=cpu');
  await expect(page.getByLabel('Experiment', { exact: true })).toHaveValue('sweep');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v >= 300, 90_000);
  expect(await metric(page, 'max_lr_plain')).toBeCloseTo(0.3, 6);
  expect(await metric(page, 'max_lr_bn')).toBeGreaterThanOrEqual(3);
  await held(page, 'bn-trains-at-3');
  await held(page, 'plain-fails-at-1');
  await expect(page.locator('[data-diverged-rates]')).toBeVisible();
  await expect(page.locator('[data-figure="sweep-acc"] svg').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('batch size: batch norm on batches of 2 stays far behind batches of 32 and the plain net on the same batches of 2', async ({ page, errors }) => {
  await page.goto('/lesson/batchnorm?scene=4&backend=cpu');
  await expect(page.getByLabel('Experiment', { exact: true })).toHaveValue('batchsize');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'accuracy_bn_large', (v) => v > 0.85, 90_000);
  await waitForMetric(page, 'step', (v) => v >= 300, 90_000);
  expect(await metric(page, 'accuracy_bn_small')).toBeLessThan(0.4);
  expect(await metric(page, 'best_plain_small')).toBeGreaterThan(0.75);
  await held(page, 'small-batch-fails');
  await held(page, 'plain-small-learns');
  // why: the small batch's mean is a noisy estimate (about 1/√2 σ off against 1/√32 σ), drawn step by step
  expect(await metric(page, 'mu_err_small')).toBeGreaterThan(2 * (await metric(page, 'mu_err_large')));
  await held(page, 'small-batch-mu-noisy');
  const chart = page.locator('[data-figure="batch-mu"] svg[role="img"]');
  await expect(chart).toBeVisible();
  expect(await chart.locator('path[d*="L"]').count()).toBeGreaterThanOrEqual(3);
  expect(errors).toEqual([]);
});

test('in a CNN: with batch norm after each convolution the sigmoid CNN learns in 100 steps, without it is still near chance', async ({ page, errors }) => {
  await page.goto('/lesson/batchnorm?scene=5&backend=cpu');
  await expect(page.getByLabel('Experiment', { exact: true })).toHaveValue('cnn');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v >= 100, 90_000);
  await held(page, 'cnn-bn-fast');
  expect(await metric(page, 'accuracy_bn')).toBeGreaterThan(0.7);
  await expect(page.locator('[data-figure="cnn-grads"] svg').first()).toBeVisible();
  expect(errors).toEqual([]);
});
