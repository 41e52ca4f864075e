import { WRITE_DELAY_MS } from '../src/app/resume';
/**
 * Issue 18, predict then reveal, and resume where you left off: results hide
 * behind placeholders while training runs on (the step count keeps moving),
 * a scene's question shows before Play, `?hide=1` and the embed API set it;
 * a bare lesson address reopens the last scene and parameters, an address
 * that names them wins, and Start over goes back to scene 1.
 */
import type { Page } from '@playwright/test';
import { expect, metric, test, waitForMetric } from './fixtures';
import { startHostPage, APP, type Msg } from './hostPage';
import { lessonMeta } from './lessons';

const readoutsHidden = (page: Page) => page.locator('[data-metric][data-hidden]');
const chartCovers = (page: Page) => page.locator('.chart [data-cover]');

test('presenter: h hides the results while training runs on, the placeholder holds, Reveal shows real numbers; nothing scrolls', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/lesson/xor?backend=cpu&scene=2');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting]')).toBeVisible();
  await expect(page.getByText(/h\s*hide\/reveal results/)).toBeVisible();
  const loss0 = await metric(page, 'loss');
  expect(Number.isFinite(loss0)).toBe(true);

  await page.keyboard.press('h');
  await expect(page.getByRole('button', { name: 'Reveal', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/hide=1/);
  await expect(page.locator('[data-metric="loss"]')).toHaveText('?');
  await expect(chartCovers(page)).toHaveCount(1);
  await expect(page.locator('[data-figure="loss"] .chart path[fill="none"]:not([d=""])')).toHaveCount(0);
  await expect(page.locator('.presenter-caption .caption-cover')).toHaveText(/Results hidden/);

  await page.keyboard.press('Space');
  // training goes on underneath: the step count (a progress count, never hidden) grows while the loss stays "?"
  await waitForMetric(page, 'step', (v) => v > 300);
  await expect(page.locator('[data-metric="loss"]')).toHaveText('?');
  await expect(chartCovers(page)).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'false');
  const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
  expect(size.h).toBeLessThanOrEqual(1080);
  expect(size.w).toBeLessThanOrEqual(1920);
  await page.screenshot({ path: test.info().outputPath('presenter-hidden-1920.png') });

  // the layout does not move on reveal: the stage keeps its place and size
  const before = await page.locator('.presenter-stage').boundingBox();
  await page.getByRole('button', { name: 'Reveal', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Hide results' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page).not.toHaveURL(/hide=1/);
  const loss = await waitForMetric(page, 'loss', (v) => Number.isFinite(v));
  // seed 2's four ReLU units learn XOR (test/xor.test.ts): the revealed loss is far below the start
  expect(loss).toBeLessThan(loss0 / 2);
  await expect(readoutsHidden(page)).toHaveCount(0);
  await expect(chartCovers(page)).toHaveCount(0);
  await expect(page.locator('[data-figure="loss"] .chart path[fill="none"]:not([d=""])')).toHaveCount(1);
  expect(await page.locator('.presenter-stage').boundingBox()).toEqual(before);
  await page.screenshot({ path: test.info().outputPath('presenter-revealed-1920.png') });
  expect(errors).toEqual([]);
});

test('a scene’s question shows before Play; a predict scene opens hidden in presenter mode and each scene takes its own setting', async ({ page, errors }) => {
  const meta = await lessonMeta('xor');
  const q = meta.scenes[3].question!;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/lesson/xor?backend=cpu&scene=3');
  await waitForMetric(page, 'step', (v) => v === 0);
  // the full page: the question in reading type above the caption, results shown (predict applies to presenting)
  await expect(page.locator('[data-question]')).toContainText(q);
  await expect(readoutsHidden(page)).toHaveCount(0);
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting] [data-question]')).toContainText(q);
  const fontPx = await page.locator('[data-presenting] [data-question]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(20);
  await expect(page.locator('[data-metric="solved"]')).toHaveText('?');
  await expect(page.locator('[data-figure="seeds"] [data-covered]')).toHaveCount(1);
  await expect(page.locator('[data-figure="seeds"] .cover-note')).toBeVisible();
  await page.keyboard.press('Space');
  await waitForMetric(page, 'step', (v) => v > 50);
  await expect(page.locator('[data-metric="solved"]')).toHaveText('?');
  await expect(page.locator('[data-presenting] [data-question]')).toContainText(q);
  await page.keyboard.press('Space');
  await page.screenshot({ path: test.info().outputPath('presenter-predict-scene-1920.png') });
  await page.keyboard.press('h');
  // revealed: the count's real state shows (the race has not finished, so it says so rather than a number)
  await expect(page.locator('[data-metric="solved"]')).toHaveText('running…');
  await expect(page.locator('[data-figure="seeds"] [data-covered]')).toHaveCount(0);
  // back to a scene without predict: results shown
  await page.keyboard.press('h');
  await expect(page.locator('[data-metric="solved"]')).toHaveText('?');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('heading', { name: /^3 \/ 4:/ })).toBeVisible();
  await expect(readoutsHidden(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('?hide=1 opens a lesson hidden; at 390x844 the placeholders fit and the button says Hide/Reveal', async ({ page, errors }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/lesson/dropout?backend=cpu&hide=1');
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.locator('[data-metric="val_loss"]')).toHaveText('?');
  await expect(page.locator('[data-question]')).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForMetric(page, 'step', (v) => v > 30);
  await expect(page.locator('[data-metric="val_loss"]')).toHaveText('?');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('phone-hidden-390.png') });
  await page.getByRole('button', { name: 'Reveal', exact: true }).click();
  await waitForMetric(page, 'val_loss', (v) => Number.isFinite(v));
  await page.screenshot({ path: test.info().outputPath('phone-revealed-390.png') });
  expect(errors).toEqual([]);
});

test('an embed honours ?hide=1 and the host reveals it with dlp:reveal (and hides with dlp:hide)', async ({ page, errors }) => {
  const host = await startHostPage(() => `<iframe id="f" src="${APP}/embed/xor?backend=cpu&scene=2&hide=1" width="420" height="700" style="border:0"></iframe>`);
  try {
    await page.goto(host.url);
    const frame = page.frameLocator('#f');
    const received = () => page.evaluate(() => (window as unknown as { received: Msg[] }).received);
    const send = (m: unknown) => page.evaluate((msg) => (window as unknown as { send: (m: unknown) => void }).send(msg), m);
    await expect.poll(async () => (await received()).find((m) => m.type === 'dlp:ready')?.state).toMatchObject({ hidden: true });
    await expect(frame.locator('[data-metric="loss"]')).toHaveText('?');
    await send({ type: 'dlp:play' });
    await expect.poll(async () => Number(await frame.locator('[data-metric="step"]').textContent())).toBeGreaterThan(20);
    await expect(frame.locator('[data-metric="loss"]')).toHaveText('?');
    await send({ type: 'dlp:reveal' });
    await expect.poll(async () => (await received()).some((m) => m.type === 'dlp:state' && m.hidden === false)).toBe(true);
    await expect.poll(async () => Number(await frame.locator('[data-metric="loss"]').textContent())).toBeLessThan(1);
    await send({ type: 'dlp:hide' });
    await expect(frame.locator('[data-metric="loss"]')).toHaveText('?');
  } finally {
    host.close();
  }
  expect(errors).toEqual([]);
});

test('resume: a bare address reopens the last scene and parameters; an address with a scene wins; Start over resets', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.locator('[data-resume-note]')).toHaveCount(0);
  await page.getByRole('button', { name: /Training from random weights/ }).click();
  await expect(page).toHaveURL(/scene=2/);
  await page.getByLabel('Learning rate value').fill('0.05');
  await page.getByLabel('Learning rate value').press('Enter');
  await expect(page).toHaveURL(/lr=0.05/);

  // the bare address (backend is no lesson state) restores both
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page.locator('[data-resume-note]')).toContainText('Restored your last settings');
  await expect(page).toHaveURL(/scene=2/);
  await expect(page).toHaveURL(/lr=0.05/);
  await expect(page.getByLabel('Learning rate value')).toHaveValue('0.05');
  await expect(page.getByRole('heading', { name: 'Training from random weights' })).toBeVisible();
  await waitForMetric(page, 'step', (v) => v === 0);

  // an address that names a scene wins, and shows no note
  await page.goto('/lesson/xor?backend=cpu&scene=1');
  await expect(page.getByRole('heading', { name: 'A hand-set ReLU network solves it' })).toBeVisible();
  await expect(page).not.toHaveURL(/lr=0.05/);
  await expect(page.locator('[data-resume-note]')).toHaveCount(0);
  await waitForMetric(page, 'step', (v) => v === 0);

  // that visit is now the last one; Start over returns to scene 1 on its defaults and forgets it
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page.locator('[data-resume-note]')).toBeVisible();
  await expect(page).toHaveURL(/scene=1/);
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.locator('[data-resume-note]')).toHaveCount(0);
  await expect(page).toHaveURL(/scene=0/);
  await expect(page.getByRole('heading', { name: 'A linear model cannot fit XOR' })).toBeVisible();
  await expect(page).toHaveURL(/model=linear/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'A linear model cannot fit XOR' })).toBeVisible();
  await expect(page.locator('[data-resume-note]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('resume: corrupt or out-of-range storage opens safely; embeds neither read nor write it', async ({ page, errors }) => {
  // storage is set from the home page: a lesson page writes its own state when it goes
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('dlp:last:xor', '{"v":1,"scene":'));
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page.getByRole('heading', { name: 'A linear model cannot fit XOR' })).toBeVisible();
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.locator('[data-resume-note]')).toHaveCount(0);

  // a bad value is dropped (the scene's own value applies), a good one kept, an unknown key ignored, and no "invalid link" note
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('dlp:last:xor', JSON.stringify({ v: 1, scene: 2, params: { lr: 50, hidden: 6, evil: '<img src=x onerror=alert(1)>' } })));
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page.locator('[data-resume-note]')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Training from random weights' })).toBeVisible();
  await expect(page.getByLabel('Learning rate value')).toHaveValue('0.2');
  await expect(page.getByLabel('Hidden units value')).toHaveValue('6');
  await expect(page.locator('[data-query-note]')).toHaveCount(0);
  await waitForMetric(page, 'step', (v) => v === 0);

  // an embed opens its own address (scene 1 here), and writes nothing
  await page.goto('/embed/xor?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  const saved = await page.evaluate(() => localStorage.getItem('dlp:last:xor'));
  expect(saved).toContain('"scene":2');
  await expect(page.getByRole('heading', { name: 'A linear model cannot fit XOR' })).toBeVisible();
  await page.locator('summary', { hasText: 'Parameters' }).click();
  await page.getByLabel('Learning rate value').fill('0.07');
  await page.getByLabel('Learning rate value').press('Enter');
  await expect(page).toHaveURL(/lr=0.07/);
  // the page would have written by now (resume writes WRITE_DELAY_MS after a change): twice that, then check it did not
  await page.waitForTimeout(2 * WRITE_DELAY_MS);
  await page.goto('/embed/xor?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  expect(await page.evaluate(() => localStorage.getItem('dlp:last:xor'))).toBe(saved);
  expect(errors).toEqual([]);
});
