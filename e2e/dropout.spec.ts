import { expect, expectNoLongTasks, metric, test, waitForMetric, watchMainThread } from './fixtures';

test('dropout: Play trains both runs; train_loss and val_loss update; the best-step marker and the thinned network show', async ({ page, errors }) => {
  await page.goto('/lesson/dropout?backend=cpu&scene=free');
  await expect(page.getByRole('heading', { name: 'Overfitting, dropout and weight decay' })).toBeVisible();
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  const train0 = await waitForMetric(page, 'train_loss', Number.isFinite);
  const val0 = await waitForMetric(page, 'val_loss', Number.isFinite);
  await waitForMetric(page, 'base_val_loss', Number.isFinite);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 60);
  // training lowers both losses of the regularized run from the random start (train well below, validation below)
  await waitForMetric(page, 'train_loss', (v) => v < 0.8 * train0);
  await waitForMetric(page, 'val_loss', (v) => v < val0);
  // the curve chart marks the best validation step
  await expect(page.locator('[data-marker="best"]')).toHaveCount(1);
  // each run at its own best validation step, scored on the test set apart from the validation set
  for (const k of ['best_step', 'best_val_loss', 'best_test_loss', 'base_best_step', 'base_best_val_loss', 'base_best_test_loss']) await waitForMetric(page, k, Number.isFinite);
  await waitForMetric(page, 'best_test_acc', (v) => v > 0.5 && v <= 1);
  await waitForMetric(page, 'base_best_test_acc', (v) => v > 0.5 && v <= 1);
  await waitForMetric(page, 'below_since', (v) => Number.isInteger(v) && v >= 1);
  // p = 0.5: about half the hidden units are drawn dropped, and the mask changes from step to step
  const dropped = page.locator('svg[data-dropped]');
  await expect(dropped).toHaveCount(1);
  const d1 = Number(await dropped.getAttribute('data-dropped'));
  expect(d1).toBeGreaterThan(10);
  const pattern = () => page.locator('[data-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')![0]).join(''));
  const before = await pattern();
  await expect.poll(pattern).not.toBe(before);
  await waitForMetric(page, 'kept_frac', (v) => Math.abs(v - 0.5) < 0.05);
  await page.getByRole('button', { name: 'Pause' }).click();
  // the worker reported no error or divergence along the way
  await expect(page.locator('[data-alert]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('dropout: turning dropout off restarts the comparison from step 0 with identical runs, and on again', async ({ page, errors }) => {
  await page.goto('/lesson/dropout?backend=cpu&scene=free');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 100);
  await page.getByRole('button', { name: 'Pause' }).click();
  const rate = page.getByLabel('Dropout rate p (hidden) value');
  await rate.fill('0');
  await rate.press('Enter');
  await expect(page).toHaveURL(/[?&]p=0(&|$)/);
  // the experiment is rebuilt: both runs start again from step 0 and the same seed
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.locator('[data-metric="kept_frac"]')).toHaveCount(0);
  await expect(page.locator('svg[data-dropped="0"]')).toHaveCount(1);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 5);
  // with no regularizer chosen the two runs are the same network
  expect(await metric(page, 'train_loss')).toBe(await metric(page, 'base_train_loss'));
  expect(await metric(page, 'val_loss')).toBe(await metric(page, 'base_val_loss'));
  await rate.fill('0.5');
  await rate.press('Enter');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'kept_frac', (v) => v > 0.2 && v < 0.8);
  expect(await metric(page, 'train_loss')).not.toBe(await metric(page, 'base_train_loss'));
  await expect(page.locator('[data-alert]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('dropout: the early-stopping scene stops within patience of the best step and restores its weights', async ({ page, errors }) => {
  await page.goto('/lesson/dropout?scene=4&backend=cpu');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  const stopped = await waitForMetric(page, 'stopped_at', Number.isFinite, 80_000);
  const best = await metric(page, 'best_step');
  expect(stopped - best).toBeGreaterThan(0);
  expect(stopped - best).toBeLessThanOrEqual(200);
  await expect(page.locator('[data-marker="best"]')).toHaveCount(1);
  await expect(page.locator('[data-marker="stopped"]')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(await metric(page, 'step')).toBe(stopped);
  await expect(page.locator('[data-alert]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('dropout: at full speed no main-thread task does 50 ms of work', { tag: '@smooth' }, async ({ page, errors }, info) => {
  await page.goto('/lesson/dropout?backend=cpu&scene=1');
  await waitForMetric(page, 'val_loss', Number.isFinite);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 5);
  const s0 = await metric(page, 'step');
  const seen = await watchMainThread(page, async () => {
    await waitForMetric(page, 'step', (v) => v > s0 + 300, 90_000);
  });
  info.annotations.push({ type: 'longest main-thread tasks (cpu ms)', description: seen.taskCpuMs.slice(0, 5).join(', ') });
  expectNoLongTasks(seen);
  expect(errors).toEqual([]);
});

test('dropout: with p = 0 the two test-time rows are the same numbers', async ({ page, errors }) => {
  await page.goto('/lesson/dropout?backend=cpu&p=0');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 3);
  const cell = (k: string) => page.locator(`[data-testtime="${k}"]`).textContent();
  await expect.poll(() => cell('ws_loss')).not.toBe('');
  expect(await cell('mc_loss')).toBe(await cell('ws_loss'));
  expect(await cell('mc_acc')).toBe(await cell('ws_acc'));
  expect(errors).toEqual([]);
});
