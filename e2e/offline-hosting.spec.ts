/**
 * Offline and hosting on a course site (issue 18).
 * (a) After one visit the service worker has precached the app, its fonts and
 *     digits.bin: with the network cut, every lesson opens and trains, still
 *     cross-origin isolated (the cached index.html keeps the host's COOP/COEP).
 * (b) A build with DLP_BASE=/course/dlp/ served from that sub-path by a plain
 *     static server (no SPA fallback, only its 404.html): the index, a lesson,
 *     its embed snippet, the embed and a deep link all work and train.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test, waitForMetric } from './fixtures';
import { lessonIds } from './lessons';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Presses Play and waits for the step readout to pass `steps`. */
async function playAndTrain(page: Page, steps = 2, timeout = 60_000): Promise<void> {
  await expect(page.locator('[data-backend="cpu"]').first()).toBeVisible({ timeout });
  await page.getByRole('button', { name: 'Play' }).first().click();
  await waitForMetric(page, 'step', (v) => v >= steps, timeout);
}

test.describe('offline after a first visit', () => {
  test('every lesson opens and trains with the network cut, cross-origin isolated', async ({ page, context, errors }) => {
    test.setTimeout(60_000 + lessonIds.length * 60_000);
    await page.goto('/');
    // precaching is done when the worker is active; a reload puts the page under its control
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/');
    await page.reload();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    for (const id of lessonIds) {
      const res = await page.goto(`/lesson/${id}?backend=cpu`);
      expect(res?.fromServiceWorker(), `${id} page from the service worker`).toBe(true);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(await page.evaluate(() => crossOriginIsolated), `${id} isolated offline`).toBe(true);
      await playAndTrain(page);
    }
    // an embed deep link, offline
    const res = await page.goto('/embed/xor?backend=cpu');
    expect(res?.fromServiceWorker()).toBe(true);
    await playAndTrain(page);
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });
});

// ---- (b) a sub-path build on a plain static host ----
const BASE = '/course/dlp/';
const OUT = join(root, 'dist-sub');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.png': 'image/png',
  '.bin': 'application/octet-stream', '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm',
};
let server: http.Server;
let site = '';

test.describe('hosted under /course/dlp/ on a static host without SPA fallback', () => {
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // one extra build, with the base path (the digits file is packed by the main build)
    execFileSync('npx', ['vite', 'build', '--mode', 'test', '--outDir', 'dist-sub', '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root, env: { ...process.env, DLP_BASE: BASE }, stdio: 'inherit',
    });
    server = http.createServer((req, res) => {
      // what a good host sends; without these the app still runs, on one thread
      const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(BASE)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      let file = normalize(join(OUT, path.slice(BASE.length)));
      if (!file.startsWith(OUT)) return res.writeHead(400).end();
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (existsSync(file)) return res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      // GitHub Pages' behaviour: any missing path gets the site's 404.html, with status 404
      res.writeHead(404, { ...headers, 'content-type': 'text/html' }).end(readFileSync(join(OUT, '404.html')));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}`;
  });
  test.afterAll(() => server?.close());

  test('the index links lessons under the base, a lesson trains and its embed snippet points under the base', async ({ page, errors }) => {
    const res = await page.goto(site);
    expect(res?.status()).toBe(200);
    const link = page.locator(`a[href="${BASE}lesson/xor"]`).first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`^${site}lesson/xor(\\?|$)`));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByRole('button', { name: 'Embed' }).click();
    const snippet = await page.locator('#embed-snippet').inputValue();
    expect(snippet).toContain(`src="${site}embed/xor`);
    // the service worker's scope is the base, not the host's root
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(site);
    // the way back to the lessons leads to the base
    expect(await page.getByRole('link', { name: /Lessons/ }).first().getAttribute('href')).toBe(BASE);
    await playAndTrain(page, 20);
    expect(errors).toEqual([]);
  });

  test('a deep link to a lesson (answered by 404.html) and to an embed open and train', async ({ page, errors }) => {
    const res = await page.goto(`${site}lesson/convolution?backend=cpu`);
    expect(res?.status()).toBe(404); // the host had no such file; its 404.html is the app
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await playAndTrain(page); // digits.bin fetched from under the base
    const emb = await page.goto(`${site}embed/xor?backend=cpu`);
    // 404.html from the host, or, once the first page's service worker has installed, index.html from its cache
    expect(emb?.status() === 404 || emb?.fromServiceWorker()).toBe(true);
    await playAndTrain(page, 20);
    // Chromium logs each 404 document load; that is the fallback working, nothing else may fail
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(2);
  });

  // last: it changes dist-sub/sw.js, as a new deploy would
  test('a new deploy waits behind a quiet note and takes over only on Reload', async ({ page, errors }) => {
    await page.goto(`${site}lesson/xor?backend=cpu`);
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await page.reload();
    const first = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(first).toBe(`${site}sw.js`);
    await playAndTrain(page, 5);
    appendFileSync(join(OUT, 'sw.js'), `\n// deploy ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const note = page.getByRole('status').filter({ hasText: 'Updated — reload for the new version' });
    await expect(note).toBeVisible();
    // the open page keeps running on the version it loaded: the new worker is waiting, not in control
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);
    const step = Number(await page.locator('[data-metric="step"]').first().textContent());
    expect(step).toBeGreaterThanOrEqual(5);
    await note.getByRole('button', { name: 'Reload' }).click();
    // after the reload the new worker controls the page and nothing waits
    const settled = () =>
      page
        .evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return !!r?.active && !r.waiting && !!navigator.serviceWorker.controller;
        })
        .catch(() => false); // the reload may destroy the context mid-call
    await expect.poll(settled).toBe(true);
    await expect(note).toHaveCount(0);
    await playAndTrain(page, 5);
    // the first load was a deep link answered by 404.html (logged once); after that the worker serves
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
  });
});
