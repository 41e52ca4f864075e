import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, waitForMetric } from './fixtures';

// Our own pages are cross-origin isolated (COOP/COEP from vite preview and dev), so the
// cpu engine may run its matrix multiply on several threads; an embed inside a host
// page without isolation is not, and still loads and trains on one thread.
const APP = `http://127.0.0.1:${process.env.PW_PORT ?? 4173}`;
let host: http.Server;
let hostUrl = '';
test.beforeAll(async () => {
  host = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><iframe id="f" src="${APP}/embed/xor?backend=cpu" width="360" height="640"></iframe>`);
  });
  await new Promise<void>((r) => host.listen(0, 'localhost', r));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
});
test.afterAll(() => host.close());

test('a lesson page is cross-origin isolated; the badge says how many threads and which kernel run', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  const badge = page.locator('.badge[data-backend="cpu"]');
  // up to hardwareConcurrency - 1 threads (a core is left for the page), at least one
  const hc = await page.evaluate(() => navigator.hardwareConcurrency || 2);
  await expect(badge).toHaveAttribute('data-threads', String(Math.max(1, Math.min(hc - 1, 8))));
  await expect(badge).toHaveAttribute('data-simd', 'relaxed');
  await expect(badge).toHaveAttribute('title', /the CPU, \d+ threads?, WebAssembly SIMD with fused multiply-add/);
  expect(errors).toEqual([]);
});

test('an embed in a host page without isolation loads, is not isolated, runs on one thread and trains', async ({ page }) => {
  await page.goto(hostUrl);
  const frame = page.frameLocator('#f');
  await expect(frame.getByRole('button', { name: /play/i }).first()).toBeVisible({ timeout: 30_000 });
  const f = page.frames().find((x) => x.url().includes('/embed/xor'))!;
  expect(await f.evaluate(() => crossOriginIsolated)).toBe(false);
  expect(await f.evaluate(() => typeof SharedArrayBuffer)).toBe('undefined');
  await expect(frame.locator('.badge[data-backend="cpu"]')).toHaveAttribute('data-threads', '1');
  const step = frame.locator('[data-metric="step"]');
  await frame.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number(await step.textContent()), { message: 'the embed trains' }).toBeGreaterThan(20);
  const loss = Number(await frame.locator('[data-metric="loss"]').textContent());
  expect(Number.isFinite(loss)).toBe(true);
});

test('without relaxed SIMD the engine falls back to plain SIMD and a digits lesson trains as before', async ({ page, errors }) => {
  // no Chromium flag turns relaxed SIMD off: test builds take the fallback from this key (see workerBridge)
  await page.addInitScript(() => localStorage.setItem('dlp-test-simd', 'plain'));
  await page.goto('/lesson/convolution?backend=cpu&scene=free');
  await expect(page.locator('.badge[data-backend="cpu"]')).toHaveAttribute('data-simd', 'plain');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const first = await waitForMetric(page, 'loss', Number.isFinite);
  await waitForMetric(page, 'step', (v) => v > 60, 90_000);
  await waitForMetric(page, 'loss', (v) => v < first, 60_000);
  expect(errors).toEqual([]);
});
