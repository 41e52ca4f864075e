/** The XOR lesson with ?backend=webgpu on a Chromium without WebGPU: cpu badge, the fallback note, training works. */
import { expect, test, waitForMetric } from './fixtures';
import { WEBGPU_LAUNCH } from '../test/webgpu/browser/launch';

// the default launch has no --enable-unsafe-webgpu; --disable-webgpu rules out an adapter on machines with a GPU
test.use({
  launchOptions: {
    executablePath: WEBGPU_LAUNCH.executablePath,
    args: WEBGPU_LAUNCH.args.filter((a) => a !== '--enable-unsafe-webgpu').concat('--disable-webgpu'),
  },
});

test('/lesson/xor?backend=webgpu falls back to cpu with a visible note and trains', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=webgpu&scene=free');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-backend-note]')).toContainText('WebGPU is not available');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 50);
  expect(errors).toEqual([]);
});
