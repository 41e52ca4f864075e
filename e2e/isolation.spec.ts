import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

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

test('a lesson page is cross-origin isolated', async ({ page }) => {
  await page.goto('/lesson/xor');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});

test('an embed in a host page without isolation loads, is not isolated, and trains', async ({ page }) => {
  await page.goto(hostUrl);
  const frame = page.frameLocator('#f');
  await expect(frame.getByRole('button', { name: /play/i }).first()).toBeVisible({ timeout: 30_000 });
  const f = page.frames().find((x) => x.url().includes('/embed/xor'))!;
  expect(await f.evaluate(() => crossOriginIsolated)).toBe(false);
});
