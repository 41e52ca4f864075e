import { expect, expectNoLongTasks, metric, test, waitForMetric, watchMainThread } from './fixtures';

test('the deep sigmoid net trains, its gradient ratio is tiny, and Glorot on tanh brings it within 10x', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?backend=cpu&scene=free');
  await expect(page.getByRole('heading', { name: 'Vanishing and exploding gradients' })).toBeVisible();
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await expect(page.getByLabel('Activation', { exact: true })).toHaveValue('sigmoid');
  await expect(page.getByLabel('Initialization', { exact: true })).toHaveValue('naive');
  const r0 = await waitForMetric(page, 'grad_ratio', (v) => v > 0);
  expect(r0).toBeLessThan(0.1);

  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 30);
  // the readout moves with training, and the bottom layer stays starved
  await waitForMetric(page, 'grad_ratio', (v) => v !== r0);
  for (let i = 0; i < 5; i++) {
    expect(await metric(page, 'grad_ratio')).toBeLessThan(0.1);
    await page.waitForTimeout(300);
  }

  // Glorot's normalized init on tanh units: the same run, the init changed from naive to Glorot
  await page.getByLabel('Activation', { exact: true }).selectOption('tanh');
  await page.getByLabel('Initialization', { exact: true }).selectOption('glorot');
  await expect(page).toHaveURL(/init=glorot/);
  await waitForMetric(page, 'step', (v) => v > 20);
  for (let i = 0; i < 5; i++) {
    const r = await metric(page, 'grad_ratio');
    expect(r).toBeGreaterThan(0.1);
    expect(r).toBeLessThan(10);
    await page.waitForTimeout(300);
  }
  await waitForMetric(page, 'accuracy', (v) => v > 0.8);
  await expect(page.locator('[aria-label^="Histograms of tanh"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('no main-thread task over 50 ms while the deep net trains', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?backend=cpu&scene=free');
  await waitForMetric(page, 'grad_ratio', (v) => v > 0);
  await page.getByRole('button', { name: 'Play' }).click();
  const s0 = await waitForMetric(page, 'step', (v) => v > 10);
  const seen = await watchMainThread(page, () => page.waitForTimeout(4000));
  expect(await metric(page, 'step')).toBeGreaterThan(s0 + 50);
  expectNoLongTasks(seen);
  expect(errors).toEqual([]);
});

test('product of Jacobians: the norm of h_t vanishes below radius 1 and explodes above it', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?scene=4&backend=cpu');
  await expect(page.getByLabel('View', { exact: true })).toHaveValue('jacobian');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 't', (v) => v >= 50);
  expect(await metric(page, 'h_norm')).toBeLessThan(0.1);
  expect(await metric(page, 'grad_norm')).toBeLessThan(0.1);

  await page.getByLabel('Spectral radius of W value').fill('1.1');
  await page.getByLabel('Spectral radius of W value').press('Enter');
  await expect(page).toHaveURL(/rho=1.1/);
  await waitForMetric(page, 't', (v) => v === 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 't', (v) => v >= 50);
  expect(await metric(page, 'h_norm')).toBeGreaterThan(5);
  expect(await metric(page, 'grad_norm')).toBeGreaterThan(5);
  expect(errors).toEqual([]);
});

test('cliff: the clipped step never exceeds eta r while the plain step is thrown far', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?scene=5&backend=cpu');
  await expect(page.getByLabel('View', { exact: true })).toHaveValue('cliff');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v >= 150);
  const bound = await metric(page, 'bound');
  expect(bound).toBeCloseTo(1.5, 6);
  expect(await metric(page, 'max_step_clipped')).toBeLessThanOrEqual(bound * (1 + 1e-4));
  expect(await metric(page, 'max_step_plain')).toBeGreaterThan(3 * bound);
  expect(errors).toEqual([]);
});
