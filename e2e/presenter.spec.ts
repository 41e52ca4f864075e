import { expect, metric, test, waitForMetric } from './fixtures';

test('presenter mode: p toggles it, arrows change scene and URL, space toggles training', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting]')).toBeVisible();
  await expect(page.getByText(/← \/ → scene|scene · /)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/scene=0/);
  await expect(page.getByRole('heading', { name: /1 \/ 4: A linear model/ })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/scene=2/);
  await expect(page).toHaveURL(/activation=relu/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/scene=1/);
  await page.keyboard.press('ArrowRight');

  await page.keyboard.press('Space');
  await waitForMetric(page, 'step', (v) => v > 10);
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  const s = await metric(page, 'step');
  await page.waitForTimeout(500);
  expect(await metric(page, 'step')).toBe(s);

  await page.keyboard.press('Escape');
  await expect(page.locator('[data-presenting]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('Copy link copies an address that reproduces the parameters and the loss at the same step', async ({ page, context, errors }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/lesson/xor?backend=cpu');
  await page.getByLabel('Learning rate value').fill('0.37');
  await page.getByLabel('Learning rate value').press('Enter');
  await page.getByLabel('Seed value').fill('9');
  await page.getByLabel('Seed value').press('Enter');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('lr=0.37');
  expect(link).toContain('seed=9');
  for (let i = 0; i < 15; i++) await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 15);
  const loss = await metric(page, 'loss');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Learning rate value')).toHaveValue('0.37');
  for (let i = 0; i < 15; i++) await other.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(other, 'step', (v) => v === 15);
  expect(await metric(other, 'loss')).toBe(loss);
  expect(errors).toEqual([]);
});

test('presenter view at 1920x1080', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/lesson/xor?scene=2&backend=cpu');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.keyboard.press('p');
  await page.keyboard.press('Space');
  await waitForMetric(page, 'step', (v) => v > 100);
  await page.screenshot({ path: test.info().outputPath('presenter-1920.png') });
});
