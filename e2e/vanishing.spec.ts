import { expect, expectNoLongTasks, measureWindow, metric, test, waitForMetric, watchMainThread } from './fixtures';

test('the deep sigmoid net keeps a tiny gradient ratio while it trains', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?backend=cpu');
  await expect(page.getByRole('heading', { name: 'Vanishing and exploding gradients' })).toBeVisible();
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await expect(page.getByLabel('Activation', { exact: true })).toHaveValue('sigmoid');
  await expect(page.getByLabel('Initialization', { exact: true })).toHaveValue('naive');
  const r0 = await waitForMetric(page, 'grad_ratio', (v) => v > 0);
  expect(r0).toBeLessThan(1e-3);
  expect(await metric(page, 'delta_ratio')).toBeLessThan(2e-4);

  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 30);
  // the readout moves with training, and the bottom layer stays starved
  await waitForMetric(page, 'grad_ratio', (v) => v !== r0);
  for (let i = 0; i < 5; i++) {
    expect(await metric(page, 'delta_ratio')).toBeLessThan(2e-4);
    await page.waitForTimeout(300);
  }
  await expect(page.locator('[data-figure="backprop"] svg').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('depth 10: changing only the init from naive to Glorot keeps the back-propagated gradient alive, and the net learns', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?scene=3&backend=cpu');
  await expect(page.getByLabel('Initialization', { exact: true })).toHaveValue('naive');
  await expect(page.getByLabel('Hidden layers value')).toHaveValue('10');
  expect(await waitForMetric(page, 'delta_ratio', (v) => v > 0)).toBeLessThan(1e-2);
  // a deterministic handover: one Step makes step 1, so the step 0 that follows the change comes from the rebuilt run
  await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 1);
  await page.getByLabel('Initialization', { exact: true }).selectOption('glorot');
  await expect(page).toHaveURL(/init=glorot/);
  await waitForMetric(page, 'step', (v) => v === 0);
  const d = await metric(page, 'delta_ratio');
  expect(d).toBeGreaterThan(0.1);
  expect(d).toBeLessThan(10);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'accuracy', (v) => v >= 0.95, 120_000);
  expect(await metric(page, 'step')).toBeLessThanOrEqual(1600);
  await expect(page.locator('[aria-label^="Histograms of tanh"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('no main-thread task over 50 ms while the deep net trains', { tag: '@smooth' }, async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?backend=cpu&scene=free');
  await waitForMetric(page, 'grad_ratio', (v) => v > 0);
  await page.getByRole('button', { name: 'Play' }).click();
  const s0 = await waitForMetric(page, 'step', (v) => v > 10);
  const seen = await watchMainThread(page, () => measureWindow(page, 4000));
  expect(await metric(page, 'step')).toBeGreaterThan(s0 + 50);
  expectNoLongTasks(seen);
  expect(errors).toEqual([]);
});

test('product of Jacobians: the norm of h_t vanishes below radius 1 and explodes above it', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?scene=6&backend=cpu');
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

test('cliff: the plain descent is thrown back onto the plateau, the clipped one never steps more than eta r and settles', async ({ page, errors }) => {
  await page.goto('/lesson/vanishing?scene=7&backend=cpu');
  await expect(page.getByLabel('View', { exact: true })).toHaveValue('cliff');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v >= 150);
  const bound = await metric(page, 'bound');
  expect(bound).toBeCloseTo(1.5, 6);
  expect(await metric(page, 'max_step_clipped')).toBeLessThanOrEqual(bound * (1 + 1e-4));
  expect(await metric(page, 'max_step_plain')).toBeGreaterThan(10);
  expect(await metric(page, 'loss_plain')).toBeGreaterThanOrEqual(await metric(page, 'loss_start'));
  expect(await metric(page, 'loss_clipped')).toBeLessThan(0.1);
  await expect(page.locator('[data-figure="cliff"]')).toContainText('off the left edge');
  expect(errors).toEqual([]);
});
