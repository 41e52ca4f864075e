/**
 * The XOR lesson with ?backend=webgpu on a Chromium with WebGPU (SwiftShader
 * here) loses its device mid-run. (webgpu-every-lesson.spec.ts: every lesson
 * on webgpu matches the cpu; webgpu-fallback.spec.ts: no WebGPU at all.)
 */
import { expect, test, waitForMetric } from './fixtures';
import { WEBGPU_LAUNCH } from '../test/webgpu/browser/launch';

test.use({ launchOptions: WEBGPU_LAUNCH });

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
