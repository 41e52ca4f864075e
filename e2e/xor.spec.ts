import { expect, metric, test, waitForMetric } from './fixtures';

test('index lists XOR and opens it', async ({ page, errors }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Learning XOR/ }).click();
  await expect(page).toHaveURL(/\/lesson\/xor/);
  await expect(page.getByRole('heading', { name: 'Learning XOR' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('Play trains XOR in the worker: step grows and loss falls below 0.05', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu&scene=free');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await waitForMetric(page, 'loss', (v) => v > 0.05);
  const first = await metric(page, 'loss');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 50);
  await waitForMetric(page, 'loss', (v) => v < 0.05);
  expect(await metric(page, 'loss')).toBeLessThan(first);
  await page.getByRole('button', { name: 'Pause' }).click();
  // paused: the readout then holds the step where training stopped
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
  const s1 = await metric(page, 'step');
  await page.waitForTimeout(500);
  expect(await metric(page, 'step')).toBe(s1);
  await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === s1 + 1);
  expect(errors).toEqual([]);
});

test('the URL round-trips parameters and a seed reproduces the same loss at the same step', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu&scene=free');
  await page.getByLabel('Hidden units value').fill('3');
  await page.getByLabel('Hidden units value').press('Enter');
  await page.getByLabel('Activation').selectOption('sigmoid');
  await page.getByLabel('Seed value').fill('42');
  await page.getByLabel('Seed value').press('Enter');
  await expect(page).toHaveURL(/hidden=3/);
  await expect(page).toHaveURL(/activation=sigmoid/);
  await expect(page).toHaveURL(/seed=42/);
  const url = page.url();
  for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 20);
  const loss = await metric(page, 'loss');

  await page.goto(url);
  await expect(page.getByLabel('Hidden units value')).toHaveValue('3');
  await expect(page.getByLabel('Activation')).toHaveValue('sigmoid');
  await expect(page.getByLabel('Seed value')).toHaveValue('42');
  for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 20);
  expect(await metric(page, 'loss')).toBe(loss);
  expect(errors).toEqual([]);
});

test('a bad query gives a visible note and a working page', async ({ page, errors }) => {
  await page.goto('/lesson/xor?lr=banana&hidden=-3&backend=cpu');
  const note = page.locator('[data-query-note]');
  await expect(note).toBeVisible();
  await expect(note).toContainText('lr');
  await expect(note).toContainText('banana');
  await expect(note).toContainText('hidden');
  await expect(page.getByLabel('Hidden units value')).toHaveValue('2');
  await expect(page.getByLabel('Learning rate value')).toHaveValue('0.2');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 20);
  expect(errors).toEqual([]);
});

test('markup in the query is shown as text, never as HTML', async ({ page, errors }) => {
  await page.goto('/lesson/xor?model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  await expect(page.locator('[data-query-note]')).toContainText('<img');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('the linear model settles at w = 0, b = 1/2, loss 0.25', async ({ page }) => {
  await page.goto('/lesson/xor?scene=0&backend=cpu');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 2000);
  expect(await metric(page, 'loss')).toBeCloseTo(0.25, 3);
  expect(Math.abs(await metric(page, 'w1'))).toBeLessThan(0.01);
  expect(await metric(page, 'b')).toBeCloseTo(0.5, 2);
});

test('many seeds: the race finishes, counts stuck and solved runs, and opens any run in the hidden-space view', async ({ page, errors }) => {
  await page.goto('/lesson/xor?scene=3&backend=cpu');
  // no result before it exists: until the race ends the counts say so
  await expect(page.locator('[data-metric="stuck"]')).toHaveText('running…');
  await expect(page.locator('[data-count="running"]')).toContainText('Running… step 0 of 3,000');
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v >= 3000, 80_000);
  const solved = await metric(page, 'solved');
  const stuck = await metric(page, 'stuck');
  expect(solved + stuck).toBe(50);
  expect(solved).toBeGreaterThan(0);
  expect(stuck).toBeGreaterThan(0);
  // the live count under the histogram is the run's own
  await expect(page.locator('[data-count="stuck"]')).toHaveText(String(stuck));
  // the scene opens seed 2 (stuck at 1/8); a click on a seed of the 1/6 group draws that run instead
  const hidden = page.locator('[data-figure="hidden"]');
  await expect(hidden).toContainText('Run of seed 2.');
  const chip = page.locator('[data-level="1/6"] button').first();
  const seed = (await chip.textContent())!.trim();
  await chip.click();
  await expect(hidden).toContainText(`Run of seed ${seed}.`);
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(new RegExp(`inspect=${seed}`));
  // no rebuild: the race is still finished at step 3000
  expect(await metric(page, 'step')).toBe(3000);
  expect(errors).toEqual([]);
});
