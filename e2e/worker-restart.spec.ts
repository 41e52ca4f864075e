import { expect, metric, test, waitForMetric } from './fixtures';

test('a worker that dies is restarted with the lesson state, and training goes on', async ({ page }) => {
  await page.goto('/lesson/xor?backend=cpu&hidden=6&seed=5&lr=0.3');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 30);
  expect(page.workers().length).toBeGreaterThan(0);
  // an uncaught exception inside the training worker kills it
  await page.workers()[0].evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  });
  await expect(page.getByText(/training worker stopped .*simulated crash.* restarted/)).toBeVisible();
  // same lesson state: controls unchanged, a fresh run from step 0 with the same parameters
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.getByLabel('Hidden units value')).toHaveValue('6');
  await expect(page.getByLabel('Seed value')).toHaveValue('5');
  await expect(page.getByLabel('Learning rate value')).toHaveValue('0.3');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 30);
  await waitForMetric(page, 'loss', (v) => v < 0.05);
  expect(await metric(page, 'loss')).toBeLessThan(0.05);
});
