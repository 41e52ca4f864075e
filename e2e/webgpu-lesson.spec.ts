/**
 * The XOR lesson with ?backend=webgpu on a Chromium with WebGPU (SwiftShader
 * here): the badge says webgpu and the loss falls. (webgpu-fallback.spec.ts:
 * the same page without WebGPU.) The last test loses the device mid-run.
 */
import { expect, metric, test, waitForMetric } from './fixtures';
import { WEBGPU_LAUNCH } from '../test/webgpu/browser/launch';

test.use({ launchOptions: WEBGPU_LAUNCH });

test('/lesson/xor?backend=webgpu trains on webgpu and the loss falls', async ({ page, errors }) => {
  test.setTimeout(300_000);
  await page.goto('/lesson/xor?backend=webgpu&scene=free');
  await expect(page.locator('[data-backend="webgpu"]')).toBeVisible({ timeout: 60_000 });
  const first = await waitForMetric(page, 'loss', (v) => Number.isFinite(v), 120_000);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v >= 30, 240_000);
  const later = await waitForMetric(page, 'loss', (v) => v < first, 120_000);
  expect(later).toBeLessThan(first);
  await expect(page.locator('[data-backend="webgpu"]')).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await metric(page, 'loss')).toBeLessThan(first);
  expect(errors).toEqual([]);
});

test('a GPU device lost mid-run: the badge turns cpu, the note says so, training goes on', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/lesson/xor?backend=webgpu&scene=free');
  await expect(page.locator('[data-backend="webgpu"]')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Play' }).click();
  const before = await waitForMetric(page, 'step', (v) => v >= 20, 240_000);
  // what a driver reset does: the worker's device is destroyed (debug hook in selectBackend.ts)
  await page.evaluate(() => new BroadcastChannel('dlp-webgpu-debug').postMessage('lose-device'));
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-backend-note]')).toContainText('continuing on the CPU from the weights of step');
  await waitForMetric(page, 'step', (v) => v > before + 100, 60_000);
  await waitForMetric(page, 'loss', (v) => Number.isFinite(v) && v < 0.25, 60_000);
  await expect(page.locator('[data-alert]')).toHaveCount(0);
});
