import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, waitForMetric } from './fixtures';
import { APP, startHostPage, type Msg } from './hostPage';
import { lessonIds, lessonMeta } from './lessons';
import { MAX_EMBED_HEIGHT } from '../src/app/embedMessages';

// The host page lives on another origin (localhost on another port) and embeds the app.
let host: Awaited<ReturnType<typeof startHostPage>>;
let hostUrl = '';

test.beforeAll(async () => {
  host = await startHostPage(() => `<h1>Course page</h1>
      <iframe id="f" src="${APP}/embed/xor?backend=cpu&scene=free" width="360" height="640" style="border:0"></iframe>`);
  hostUrl = host.url;
});
test.afterAll(() => host.close());

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

test('step and reset are each answered by a dlp:state with the new step', async ({ page, errors }) => {
  await page.goto(hostUrl);
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:state' && m.backend === 'cpu')).toBe(true);
  const send = (m: unknown) => page.evaluate((msg) => (window as unknown as { send: (m: unknown) => void }).send(msg), m);
  const lastState = async () => (await received(page)).filter((m) => m.type === 'dlp:state').at(-1)!;
  const count = async () => (await received(page)).filter((m) => m.type === 'dlp:state').length;
  let before = await count();
  await send({ type: 'dlp:step' });
  await expect.poll(count).toBeGreaterThan(before);
  expect(await lastState()).toMatchObject({ step: 1, playing: false });
  await send({ type: 'dlp:step' });
  await expect.poll(async () => (await lastState()).step).toBe(2);
  before = await count();
  await send({ type: 'dlp:reset' });
  await expect.poll(count).toBeGreaterThan(before);
  expect(await lastState()).toMatchObject({ step: 0, playing: false });
  expect((await lastState()).params).toMatchObject({ lr: 0.2 });
  expect(errors).toEqual([]);
});

test('malformed messages change nothing, yield dlp:error, and are never inserted as HTML', async ({ page, errors }) => {
  await page.goto(hostUrl);
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:ready')).toBe(true);
  const frame = page.frameLocator('#f');
  await expect(frame.getByLabel('Hidden units value')).toHaveValue('4');
  await expect(frame.locator('[data-backend="cpu"]')).toBeVisible();
  await expect(frame.locator('[data-metric="step"]')).toHaveText('0');
  // the state messages of start-up have all arrived once the embed reports its backend in one
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:state' && m.backend === 'cpu')).toBe(true);
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
  // a refused value says it was refused and what is still in use, never "using" a value it did not apply
  const lrError = (await received(page)).find((m) => m.type === 'dlp:error' && String(m.message).includes('(lr)'))!;
  expect(String(lrError.message)).toMatch(/^refused, nothing changed: .*\(still: lr 0\.2\)$/);
  expect(String(lrError.message)).not.toMatch(/using/);
  expect((lrError.state as { params: Record<string, unknown> }).params.lr).toBe(0.2);
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
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMetric(page, 'step', (v) => v > 20);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('link', { name: /Open in Deep Learning Playground/ })).toHaveAttribute('href', /\/lesson\/xor/);
  await page.screenshot({ path: test.info().outputPath('embed-320.png') });
  expect(errors).toEqual([]);
});

test('?scene=N shows that scene\'s title, caption and figures; ?controls=0 leaves out the parameters', async ({ page, errors }) => {
  const meta = await lessonMeta('xor');
  await page.goto('/embed/xor?backend=cpu&scene=3&controls=0');
  await expect(page.getByRole('heading', { name: meta.scenes[3].title })).toBeVisible();
  await expect(page.getByText(meta.scenes[3].caption!.slice(0, 30))).toBeVisible();
  await expect.poll(async () => (await page.locator('[data-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')))).sort()).toEqual([...meta.scenes[3].show!].sort());
  await expect(page.getByText('Parameters')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

/** A course page on another origin with the snippet the Embed button gives, in a column `width` px wide. */
function hostPage(snippet: string, width: number): string {
  return `<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body style="margin:0">
    <div id="col" style="width:${width}px">${snippet}</div>
    <script>window.sizes = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'dlp:resize') window.sizes.push(e.data.height); });</script>
    </body></html>`;
}

for (const id of lessonIds) {
  test(`${id}: the Embed snippet's frame takes the height the embed reports at 320, 480 and 800 px, and nothing is clipped`, async ({ page, context, errors }) => {
    await page.goto(`/lesson/${id}?backend=cpu&scene=0`);
    await page.getByRole('button', { name: 'Embed' }).click();
    const snippet = await page.locator('#embed-snippet').inputValue();
    expect(snippet).toContain('dlp:resize');
    const pages: Record<number, string> = {};
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(pages[Number((req.url ?? '').slice(1))] ?? '');
    });
    await new Promise<void>((r) => server.listen(0, 'localhost', r));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const width of [320, 480, 800]) {
        pages[width] = hostPage(snippet, width);
        const host = await context.newPage();
        await host.setViewportSize({ width: Math.max(width + 40, 400), height: 900 });
        await host.goto(`http://localhost:${port}/${width}`);
        const frame = host.frameLocator('iframe');
        await expect(frame.locator('[data-metric="step"]')).toHaveText('0');
        await expect(frame.locator('[data-figure]').first()).toBeVisible();
        // the frame's height follows the last size the embed reported, and once it has settled nothing
        // is clipped (content that grows after the first frame, a chart or KaTeX, is reported again)
        await expect
          .poll(async () => {
            const follows = await host.evaluate(() => {
              const sizes = (window as unknown as { sizes: number[] }).sizes;
              const f = document.querySelector('iframe')!;
              return sizes.length > 0 && Math.abs(f.getBoundingClientRect().height - sizes[sizes.length - 1]) <= 1;
            });
            const inside = await host.frames()[1].evaluate(() => ({
              scrollH: document.documentElement.scrollHeight,
              innerH: innerHeight,
              scrollW: document.documentElement.scrollWidth,
              innerW: innerWidth,
            }));
            // content taller than the bound scrolls inside the frame, which is then exactly the bound
            const bounded = inside.innerH >= MAX_EMBED_HEIGHT - 1;
            return { follows, heightFits: bounded || inside.scrollH <= inside.innerH + 1, widthFits: inside.scrollW <= inside.innerW };
          }, { message: `frame at ${width} px follows the reported height and clips nothing` })
          .toEqual({ follows: true, heightFits: true, widthFits: true });
        await host.screenshot({ path: test.info().outputPath(`${id}-embed-${width}.png`), fullPage: true });
        await host.close();
      }
    } finally {
      server.close();
    }
    expect(errors).toEqual([]);
  });
}

for (const id of lessonIds) {
  test(`${id}: in a 320-px frame every scene keeps the embed's height bounded`, async ({ page, errors }) => {
    const h = await startHostPage(() => `<iframe id="f" src="${APP}/embed/${id}?backend=cpu&scene=0" width="320" height="600" style="border:0"></iframe>
      <script>window.sizes = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'dlp:resize') { window.sizes.push(e.data.height); document.getElementById('f').height = e.data.height; } });</script>`);
    try {
      await page.goto(h.url);
      await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:ready')).toBe(true);
      const scenes = (await lessonMeta(id)).scenes.length;
      for (let n = 0; n < scenes; n++) {
        await page.evaluate((scene) => (window as unknown as { send: (m: unknown) => void }).send({ type: 'dlp:set', scene }), n);
        await expect.poll(async () => (await received(page)).some((m) => m.type === 'dlp:state' && m.scene === n)).toBe(true);
        await page.waitForTimeout(400); // let the scene's figures lay out (a measurement window, not a wait for state)
      }
      const sizes = await page.evaluate(() => (window as unknown as { sizes: number[] }).sizes);
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.max(...sizes), `${id}: tallest reported height`).toBeLessThanOrEqual(MAX_EMBED_HEIGHT);
    } finally {
      h.close();
    }
    expect(errors).toEqual([]);
  });
}
