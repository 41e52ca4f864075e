/**
 * A seeded fuzz pass over what comes from outside, generated from each
 * lesson's schema (fast-check): URL queries and embed messages with wrong
 * types, out-of-range and non-finite numbers, huge strings, markup, prototype
 * keys, unknown keys and types, and a burst. It asserts: no page or console
 * error, nothing injected, every control's value within the schema, the page
 * still trains, every rejected message answered with dlp:error and no state
 * change. A failure prints the seed; FUZZ_SEED=<n> replays it.
 */
import fc from 'fast-check';
import type { Page } from '@playwright/test';
import type { Param } from '../src/ui/params';
import { checkValue } from '../src/ui/params';
import { expect, test, waitForMetric } from './fixtures';
import { APP, startHostPage, type Msg } from './hostPage';
import { lessonIds, lessonMeta } from './lessons';
import { decodePoints, encodePoints, POINT_TEXT_MAX, POINTS_MAX } from '../src/ui/pointData';
import { decodeRuns, encodeRuns, hash32 } from '../src/ui/compare/encode';
import { MAX_KEPT, URL_BUDGET } from '../src/ui/compare/kept';

const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Date.now() / 3_600_000) % 100000; // one seed per hour: the same in every Playwright worker
/** Long enough to hurt a naive renderer, short enough for a URL a server accepts. */
const HUGE = 2_000;
const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

/** Values that are wrong for a param (or for any param). */
function badValue(p: Param): fc.Arbitrary<unknown> {
  const common = [fc.constant(MARKUP), fc.constant('x'.repeat(HUGE)), fc.constant(null), fc.constant({ __proto__: { polluted: 1 } }), fc.constant([1, 2])];
  if (p.kind === 'number') {
    return fc.oneof(
      ...common,
      fc.constantFrom(NaN, Infinity, -Infinity, 'NaN', 'Infinity', '1e999', ''),
      fc.double({ min: p.max + 1e-6, max: p.max * 1e6 + 10, noNaN: true }),
      fc.double({ min: -1e9, max: p.min - 1e-6, noNaN: true }),
      fc.constant(String(p.default)), // a numeric string: fine in a URL, wrong type in a message
    );
  }
  if (p.kind === 'choice') return fc.oneof(...common, fc.string({ maxLength: 12 }).filter((s) => !p.options.includes(s)), fc.constant(0));
  // a text param takes any short string of its characters ('yes' is a valid encoded data set): wrong types, foreign characters, too long
  if (p.kind === 'text') return fc.oneof(...common, fc.constantFrom(2, true, '!?', ' <b>', '\u0000'), fc.constant('a'.repeat(p.maxLength + 1)));
  return fc.oneof(...common, fc.constantFrom('yes', 2, 'TRUE'));
}

const JUNK_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'x'.repeat(300), '<b>k</b>'];
/** A message too big for any URL: only the embed path gets it. */
const HUGE_MESSAGE = 'y'.repeat(200_000);

async function trains(page: Page): Promise<void> {
  await waitForMetric(page, 'step', (v) => Number.isFinite(v), 60_000);
  const s0 = Number(await page.locator('[data-metric="step"]').first().textContent());
  const done = await page.getByRole('button', { name: 'Play', exact: true }).isDisabled();
  if (done) await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await waitForMetric(page, 'step', (v) => v > (done ? 0 : s0) || v === 1, 60_000);
}

for (const id of lessonIds) {
  test(`fuzz ${id}: generated URL queries`, async ({ page, errors }) => {
    test.setTimeout(300_000);
    const meta = await lessonMeta(id);
    const query = fc.array(
      fc.oneof(
        fc.constantFrom(...meta.params).chain((p) => badValue(p).map((v) => [p.key, typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)] as const)),
        fc.constantFrom(...JUNK_KEYS).map((k) => [k, MARKUP] as const),
        fc.constantFrom(['scene', ''], ['scene', '-1'], ['scene', '1.5'], ['scene', '999'], ['backend', 'gpu<b>'], ['backend', 'cpu']),
      ),
      { minLength: 1, maxLength: 6 },
    );
    const cases = fc.sample(query, { seed: SEED + id.length, numRuns: 3 });
    for (const pairs of cases) {
      const q = new URLSearchParams([...pairs.map(([k, v]) => [k, v] as [string, string]), ['backend', 'cpu']]);
      const url = `/lesson/${id}?${q.toString()}`;
      await page.goto(url);
      await trains(page);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `injected by ${url} (seed ${SEED})`).toBeUndefined();
      // the app rewrites the address from its state: every value there is valid for the schema
      const now = new URL(page.url()).searchParams;
      for (const p of meta.params) {
        const v = now.get(p.key);
        if (v !== null) expect(checkValue(p, v).problem, `${p.key}=${v} after ${url} (seed ${SEED})`).toBeUndefined();
      }
    }
    expect(errors, `seed ${SEED}`).toEqual([]);
  });
}

let host: Awaited<ReturnType<typeof startHostPage>>;
let hostUrl = '';
test.beforeAll(async () => {
  host = await startHostPage((q) => `<iframe id="f" src="${APP}/embed/${q.get('id') ?? 'xor'}?backend=cpu" width="480" height="700"></iframe>`);
  hostUrl = host.url;
});
test.afterAll(() => host.close());



for (const id of lessonIds) {
  test(`fuzz ${id}: generated embed messages and a burst are rejected with dlp:error and change nothing`, async ({ page, errors }) => {
    test.setTimeout(300_000);
    const meta = await lessonMeta(id);
    const invalid = fc.oneof(
      fc.constantFrom(...meta.params).chain((p) => badValue(p).filter((v) => typeof v !== 'string' || p.kind !== 'choice' || !p.options.includes(v)).map((v) => ({ type: 'dlp:set', params: { [p.key]: v } }))),
      fc.constantFrom(...JUNK_KEYS).map((k) => ({ type: 'dlp:set', params: JSON.parse(`{${JSON.stringify(k)}: 1}`) })),
      fc.constantFrom<Record<string, unknown>>(
        { type: 'dlp:set', scene: -1 },
        { type: 'dlp:set', scene: 1.5 },
        { type: 'dlp:set', scene: 999 },
        { type: 'dlp:set' },
        { type: 'dlp:set', params: [] },
        { type: 'dlp:set', params: { [HUGE_MESSAGE.slice(0, 50)]: HUGE_MESSAGE } },
        { type: 'dlp:nope' },
        { type: `dlp:${MARKUP}` },
        { type: MARKUP }, // not ours: ignored without a reply
        { type: 'dlp:set', params: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i])) },
      ),
    );
    const msgs = fc.sample(invalid, { seed: SEED + 7 * id.length, numRuns: 20 });
    await page.goto(`${hostUrl}?id=${id}`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { received: Msg[] }).received.some((m) => m.type === 'dlp:ready')), { timeout: 60_000 }).toBe(true);
    // the state before the burst: the last dlp:state, or the one dlp:ready carried
    const before = await page.evaluate(() => {
      const r = (window as unknown as { received: Msg[] }).received;
      const last = r.filter((m) => m.type === 'dlp:state').at(-1);
      return (last ?? (r.find((m) => m.type === 'dlp:ready')!.state as Msg)) as Msg;
    });
    const burst = [...msgs, ...Array.from({ length: 500 }, (_, i) => msgs[i % msgs.length])];
    await page.evaluate((all) => {
      const w = window as unknown as { received: Msg[]; send: (m: unknown) => void };
      w.received = [];
      for (const m of all) w.send(m);
    }, burst);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { received: Msg[] }).received.filter((m) => m.type === 'dlp:error').length), {
        message: `dlp:error replies (seed ${SEED})`,
        timeout: 60_000,
      })
      .toBe(burst.filter((m) => typeof m.type === 'string' && m.type.startsWith('dlp:')).length);
    const got = await page.evaluate(() => (window as unknown as { received: Msg[] }).received);
    // a state message may still come from the run itself (its backend arriving); the params and scene never move
    for (const st of got.filter((m) => m.type === 'dlp:state')) {
      expect(st.params, `params changed (seed ${SEED})`).toEqual(before.params);
      expect(st.scene, `scene changed (seed ${SEED})`).toEqual(before.scene);
    }
    for (const e of got.filter((m) => m.type === 'dlp:error')) expect(String(e.message).length).toBeLessThan(2000);
    expect(before).toBeTruthy();
    // nothing injected, and the embed still trains when asked properly
    const frame = page.frameLocator('#f');
    await expect(frame.locator('img[src="x"]')).toHaveCount(0);
    await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'dlp:step' }));
    await expect.poll(() => page.evaluate(() => (window as unknown as { received: Msg[] }).received.some((m) => m.type === 'dlp:metrics' && Number(m.step) >= 1)), { timeout: 60_000 }).toBe(true);
    expect(errors, `seed ${SEED}`).toEqual([]);
  });
}

// ——— the inputs added since: own data, kept runs, hide, controls, the Sandbox ———

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

test('fuzz own data (data=): generated texts on each lesson with editable points get a note and the lesson data, or their points', async ({ page, errors }) => {
  test.setTimeout(300_000);
  const point = fc.record({ x: fc.double({ min: -1, max: 1, noNaN: true }), y: fc.double({ min: -1, max: 1, noNaN: true }), cls: fc.constantFrom<0 | 1>(0, 1) });
  const valid = fc.array(point, { minLength: 1, maxLength: POINTS_MAX }).map((pts) => encodePoints(pts, [-1, 1]));
  const text = fc.oneof(
    valid.map((t) => ({ t, ok: true })),
    valid.chain((t) => fc.integer({ min: 1, max: Math.max(1, t.length - 1) }).map((k) => ({ t: t.slice(0, k), ok: false }))), // truncated
    valid.map((t) => ({ t: t + 'AAAA', ok: false })), // bytes left over
    fc.constantFrom('A', 'AAAA', '____', 'zz', '-'.repeat(POINT_TEXT_MAX)).map((t) => ({ t, ok: false })), // 0 points, 255 points, impossible lengths
    fc.constantFrom(MARKUP, 'a b', '%00', 'ü', 'x'.repeat(POINT_TEXT_MAX + 1)).map((t) => ({ t, ok: false })), // not the schema's
  );
  const cases = fc.sample(text, { seed: SEED + 11, numRuns: 8 });
  for (const id of ['xor', 'dropout']) {
    for (const { t, ok } of cases) {
      // some truncations decode by chance (a shorter, well-formed set): what decodes is fine, it must just not be noted
      const decodes = decodePoints(t, [-1, 1]).points !== null && /^[A-Za-z0-9_-]*$/.test(t) && t.length <= POINT_TEXT_MAX;
      await page.goto(`/lesson/${id}?backend=cpu&scene=free&data=${encodeURIComponent(t)}`);
      await trains(page);
      expect(await pwned(page)).toBeUndefined();
      const note = page.getByText(/data in the link could not be read|Own data \(data\)/);
      if (ok || decodes) await expect(note, `data=${t.slice(0, 40)} (seed ${SEED})`).toHaveCount(0);
      else await expect(note.first(), `data=${t.slice(0, 40)} (seed ${SEED})`).toBeVisible();
      // what is in the address now is valid for the schema
      const now = new URL(page.url()).searchParams.get('data');
      if (now !== null) expect(/^[A-Za-z0-9_-]*$/.test(now) && now.length <= POINT_TEXT_MAX, `data=${now.slice(0, 40)} kept`).toBe(true);
    }
  }
  expect(errors, `seed ${SEED}`).toEqual([]);
});

test('fuzz kept= : truncated, corrupted, oversized packs get a note and no runs; a valid pack of another lesson opens safely', async ({ page, errors }) => {
  test.setTimeout(300_000);
  const series = (n: number) => ({ name: hash32('loss'), x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => 1 / (i + 1)) });
  // a pack as optimizers would write it: its params, its chart, a label in markup
  const foreign = encodeRuns([{ label: MARKUP.slice(0, 40), params: { optimizer: 'adam', lr_adam: 0.01, seed: 3 }, charts: { [hash32('race/Loss')]: [series(40)] } }]);
  const many = encodeRuns(Array.from({ length: 12 }, (_, i) => ({ label: `run ${i}`, params: { lr: 0.1, seed: i }, charts: { [hash32(`c${i}`)]: [series(60), series(60)] } })));
  expect(many.length).toBeGreaterThan(URL_BUDGET);
  const bad = fc.oneof(
    fc.integer({ min: 1, max: foreign.length - 2 }).map((k) => foreign.slice(0, k)), // truncated
    fc.integer({ min: 0, max: foreign.length - 1 }).map((k) => foreign.slice(0, k) + (foreign[k] === 'A' ? 'B' : 'A') + foreign.slice(k + 1)), // one character changed
    fc.constantFrom(foreign + 'AAAA', 'AAAA', '_'.repeat(300), MARKUP, 'AQ%3D%3D', 'x'.repeat(HUGE)),
  );
  const cases = fc.sample(bad, { seed: SEED + 13, numRuns: 8 });
  for (const k of cases) {
    // a changed character can still decode (a label or a y value): those open like any pack
    let decodes = true;
    try {
      decodeRuns(k);
    } catch {
      decodes = false;
    }
    await page.goto(`/lesson/xor?backend=cpu&scene=free&kept=${encodeURIComponent(k)}`);
    await trains(page);
    expect(await pwned(page)).toBeUndefined();
    if (!decodes) {
      await expect(page.locator('[data-kept-note]'), `kept=${k.slice(0, 40)} (seed ${SEED})`).toContainText('could not be read');
      await expect(page.locator('[data-kept]')).toHaveCount(0);
      await expect(page).not.toHaveURL(/kept=/);
    } else expect(await page.locator('[data-kept]').count()).toBeLessThanOrEqual(MAX_KEPT);
  }
  for (const k of [foreign, many]) {
    await page.goto(`/lesson/xor?backend=cpu&scene=free&kept=${k}`);
    await trains(page);
    expect(await pwned(page)).toBeUndefined();
    await expect(page.locator('.keep-runs img')).toHaveCount(0);
    expect(await page.locator('[data-kept]').count()).toBeLessThanOrEqual(MAX_KEPT);
    // the foreign label is text in an input, never markup
    if (k === foreign) await expect(page.getByLabel('Label of kept run 1')).toHaveValue(MARKUP.slice(0, 40));
  }
  expect(errors, `seed ${SEED}`).toEqual([]);
});

test('fuzz hide= , scene=free and an embed’s controls= : generated values open a page (one that trains when not hidden), hidden only for 1/true', async ({ page, errors }) => {
  test.setTimeout(300_000);
  const value = fc.oneof(fc.constantFrom('1', 'true', '0', 'false', '', 'TRUE', '2', MARKUP, 'x'.repeat(HUGE)), fc.string({ maxLength: 8 }));
  const cases = fc.sample(fc.record({ id: fc.constantFrom(...lessonIds), hide: value, controls: value, embed: fc.boolean() }), { seed: SEED + 17, numRuns: 8 });
  for (const { id, hide, controls, embed } of cases) {
    const q = new URLSearchParams({ backend: 'cpu', scene: 'free', hide, ...(embed ? { controls } : {}) });
    const url = `/${embed ? 'embed' : 'lesson'}/${id}?${q.toString()}`;
    await page.goto(url);
    const hidden = hide === '1' || hide === 'true';
    const toggle = page.locator('[data-reveal-toggle]');
    await expect(page.locator('[data-backend="cpu"]').first()).toBeVisible({ timeout: 60_000 });
    if (await toggle.count()) await expect(toggle.first(), url).toHaveAttribute('aria-pressed', String(hidden));
    if (!hidden) {
      await trains(page);
      // the Sandbox: no scene's question, every figure
      await expect(page.locator('[data-query-note]'), url).toHaveCount(0);
    }
    if (embed) await expect(page.getByRole('button', { name: 'Play', exact: true }), url).toHaveCount(controls === '0' ? 0 : 1);
    expect(await pwned(page), url).toBeUndefined();
  }
  // a scene that is almost the Sandbox is noted and opens scene 1
  for (const s of ['Free', 'free ', 'free<b>x</b>']) {
    await page.goto(`/lesson/xor?backend=cpu&scene=${encodeURIComponent(s)}`);
    await expect(page.locator('[data-query-note]')).toContainText('is not a scene of this lesson');
    await expect(page).toHaveURL(/scene=0/);
  }
  expect(errors, `seed ${SEED}`).toEqual([]);
});
