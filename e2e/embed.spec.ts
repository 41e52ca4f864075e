import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

// The host page lives on another origin (localhost on another port) and embeds the app.
let host: http.Server;
let hostUrl = '';
const APP = `http://127.0.0.1:${process.env.PW_PORT ?? 4173}`;

test.beforeAll(async () => {
  host = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><html><body>
      <h1>Course page</h1>
      <iframe id="f" src="${APP}/embed/xor?backend=cpu" width="360" height="640" style="border:0"></iframe>
      <script>
        window.received = [];
        addEventListener('message', (e) => { if (e.origin === '${APP}') window.received.push(e.data); });
        window.send = (m) => document.getElementById('f').contentWindow.postMessage(m, '*');
      </script></body></html>`);
  });
  await new Promise<void>((r) => host.listen(0, 'localhost', r));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
});
test.afterAll(() => host.close());

type Msg = { type: string; [k: string]: unknown };
const received = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { received: Msg[] }).received);

test('a host page on another origin drives the embed and hears ready, state and falling metrics', async ({ page, errors }) => {
  await page.goto(hostUrl);
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:ready')).toBe(true);
  const ready = (await received(page)).find((m) => m.type === 'dlp:ready')!;
  expect(ready.lesson).toBe('xor');
  expect(Array.isArray(ready.params)).toBe(true);
  // the embed reports its height for auto-resizing
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:resize' && Number(m.height) > 100)).toBe(true);

  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'dlp:set', params: { lr: 0.3, hidden: 5 } }));
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:state' && (m.params as Record<string, unknown>)?.lr === 0.3)).toBe(true);
  const frame = page.frameLocator('#f');
  await expect(frame.getByLabel('Hidden units value')).toHaveValue('5');

  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'dlp:play' }));
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:state' && m.playing === true)).toBe(true);
  await expect
    .poll(async () => {
      const ms = (await received(page)).filter((m) => m.type === 'dlp:metrics') as unknown as { step: number; values: { loss: number } }[];
      if (ms.length < 2) return false;
      return ms[ms.length - 1].values.loss < ms[0].values.loss && ms[ms.length - 1].values.loss < 0.05;
    }, { timeout: 45_000 })
    .toBe(true);
  // at most a few metrics messages a second
  const ms = (await received(page)).filter((m) => m.type === 'dlp:metrics');
  expect(ms.length).toBeLessThan(60);
  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'dlp:pause' }));
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:state' && m.playing === false)).toBe(true);
  expect(errors).toEqual([]);
});

test('malformed messages change nothing, yield dlp:error, and are never inserted as HTML', async ({ page, errors }) => {
  await page.goto(hostUrl);
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:ready')).toBe(true);
  const frame = page.frameLocator('#f');
  await expect(frame.getByLabel('Hidden units value')).toHaveValue('4');
  await expect(frame.locator('[data-backend="cpu"]')).toBeVisible();
  await expect(frame.locator('[data-metric="step"]')).toHaveText('0');
  await page.waitForTimeout(300);
  const statesBefore = (await received(page)).filter((m) => m.type === 'dlp:state').length;
  const bad = [
    { type: 'dlp:set', params: { hidden: 'many' } },
    { type: 'dlp:set', params: { nonsense: 1 } },
    { type: 'dlp:set', params: { lr: 99 } },
    { type: 'dlp:set', params: { activation: '<img src=x onerror=alert(1)>' } },
    { type: 'dlp:set', params: { lr: 0.3, hidden: -1 } },
    { type: 'dlp:set', scene: 'two' },
    { type: 'dlp:<b>bold</b>' },
  ];
  for (const m of bad) await page.evaluate((msg) => (window as unknown as { send: (m: unknown) => void }).send(msg), m);
  await expect.poll(async () => (await received(page)).filter((m) => m.type === 'dlp:error').length).toBe(bad.length);
  // nothing changed: same controls, no state change, no markup rendered
  await expect(frame.getByLabel('Hidden units value')).toHaveValue('4');
  await expect(frame.getByLabel('Learning rate value')).toHaveValue('0.2');
  expect((await received(page)).filter((m) => m.type === 'dlp:state')).toHaveLength(statesBefore);
  expect(await frame.locator('img[src="x"]').count()).toBe(0);
  expect(await frame.locator('b').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('the embed pauses when scrolled out of view and resumes when back', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 700 });
  await page.goto(hostUrl);
  await page.evaluate(() => {
    document.body.style.height = '5000px';
  });
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:ready')).toBe(true);
  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'dlp:play' }));
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:state' && m.playing === true)).toBe(true);
  const before = (await received(page)).length;
  await page.evaluate(() => window.scrollTo(0, 4000));
  await expect.poll(async () => (await received(page)).slice(before).some((m) => m.type === 'dlp:state' && m.playing === false)).toBe(true);
  const mid = (await received(page)).length;
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => (await received(page)).slice(mid).some((m) => m.type === 'dlp:state' && m.playing === true)).toBe(true);
});

test('the embed fits 320x480', async ({ page, errors }) => {
  await page.setViewportSize({ width: 320, height: 480 });
  await page.goto('/embed/xor?backend=cpu');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('link', { name: /Open in Deep Learning Playground/ })).toHaveAttribute('href', /\/lesson\/xor/);
  await page.screenshot({ path: test.info().outputPath('embed-320.png') });
  expect(errors).toEqual([]);
});
