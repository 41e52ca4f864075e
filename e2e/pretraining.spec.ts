import type { Page } from '@playwright/test';
import { expect, metric, test, waitForMetric } from './fixtures';

/** A small comparison (the default one takes about a minute or more): same code path, fewer minibatches. */
const SMALL = 'backend=cpu&labels=250&hidden=64&pretrain=60&finetune=60';

const phase = (page: Page) => page.locator('[data-metric="phase"]').first().textContent();
const waitPhase = (page: Page, re: RegExp, timeout = 60_000) => expect.poll(() => phase(page), { timeout, message: `phase ${re}` }).toMatch(re);
const play = (page: Page) => page.getByRole('button', { name: 'Play' }).click();
const pause = (page: Page) => page.getByRole('button', { name: 'Pause' }).click();

/** Pauses, checks the step count stands still, and plays on. */
async function pausePlay(page: Page): Promise<void> {
  await pause(page);
  // the worker answers Pause once its current minibatch is done (slow on a loaded machine), then posts where it stopped
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
  const s = await metric(page, 'step');
  await page.waitForTimeout(800);
  expect(await metric(page, 'step')).toBe(s);
  await play(page);
  await waitForMetric(page, 'step', (v) => v > s);
}

/** Whether a canvas has drawn anything but white. */
const inked = (page: Page, sel: string) =>
  page.locator(sel).first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
    return n;
  });

test('pretraining: Play runs the phases, pauses and plays in each, and ends with train, validation and test errors for all four nets', async ({ page, errors }) => {
  test.setTimeout(240_000);
  await page.goto(`/lesson/pretraining?${SMALL}`);
  await expect(page.getByRole('heading', { name: 'Pretraining with auto-encoders' })).toBeVisible();
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await waitForMetric(page, 'step', (v) => v === 0);
  await play(page);
  for (const ph of [/^layer 1$/, /^layer 2$/, /^read-out$/, /^fine-tune$/]) {
    await waitPhase(page, ph);
    await pausePlay(page);
  }
  await waitPhase(page, /^finished$/, 120_000);
  for (const id of ['none', 'supervised', 'autoencoder', 'shallow']) {
    const v = await waitForMetric(page, `test_error_${id}`, Number.isFinite);
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(1);
    // the table "This run" shows the three errors of each net
    for (const set of ['train', 'valid', 'test']) await expect(page.locator(`table.this-run [data-error="${set}_error_${id}"]`)).toHaveText(/^\d+\.\d\d%/);
  }
  // every method's bar reached its end
  await expect(page.locator('.phasebar-state[data-phase="finished"]')).toHaveCount(4);
  await expect(page.locator('[data-alert]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('pretraining: filters and reconstructions render; Reset in each phase starts again from step 0', async ({ page, errors }) => {
  test.setTimeout(420_000);
  await page.goto(`/lesson/pretraining?${SMALL}`);
  await waitForMetric(page, 'step', (v) => v === 0);
  await play(page);
  await waitPhase(page, /^layer 2$/);
  // the auto-encoder's filters and its grid of inputs, corrupted inputs and reconstructions are drawn
  await expect(page.locator('.filters canvas[data-tiles="24"]')).toHaveCount(1);
  await expect.poll(() => inked(page, '.filters canvas')).toBeGreaterThan(1000);
  await expect(page.locator('.recon-grid canvas[data-tiles="8"]')).toHaveCount(3);
  for (let k = 0; k < 3; k++) await expect.poll(() => inked(page, `.recon-grid canvas >> nth=${k}`)).toBeGreaterThan(300);
  await expect(page.getByText(/\d+% masked/)).toBeVisible();
  const reset = async () => {
    await page.getByRole('button', { name: 'Reset' }).click();
    await waitForMetric(page, 'step', (v) => v === 0);
    await waitPhase(page, /^layer 1$/);
  };
  await reset();
  await play(page);
  await waitForMetric(page, 'step', (v) => v > 3);
  await reset(); // in layer 1
  for (const ph of [/^layer 2$/, /^read-out$/, /^fine-tune$/, /^finished$/]) {
    await play(page);
    await waitPhase(page, ph, 120_000);
    await reset();
  }
  await play(page);
  await waitForMetric(page, 'step', (v) => v > 5);
  await expect(page.locator('[data-alert]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('pretraining: the 2-D code view plots test digits; presenter mode and the embed work', async ({ page, errors }) => {
  test.setTimeout(180_000);
  await page.goto('/lesson/pretraining?backend=cpu&view=code');
  await play(page);
  await waitForMetric(page, 'step', (v) => v > 60);
  await expect(page.locator('.code-plot canvas[data-points="600"]')).toHaveCount(1);
  await expect.poll(() => inked(page, '.code-plot canvas')).toBeGreaterThan(500);
  await pause(page);

  // a first visit (no saved state: a later visit would resume the code view above) opens on scene 1
  await page.evaluate(() => localStorage.clear());
  await page.goto('/lesson/pretraining?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting]')).toBeVisible();
  await expect(page).toHaveURL(/scene=0/);
  await page.keyboard.press('Space');
  await waitForMetric(page, 'step', (v) => v > 5);
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/scene=1/);
  await expect(page.locator('[data-figure="recon"]')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto(`/embed/pretraining?${SMALL}`);
  await play(page);
  await waitForMetric(page, 'step', (v) => v > 5);
  await expect(page.locator('[data-figure="race"]')).toBeVisible();
  await expect(page.getByRole('link', { name: /Open in Deep Learning Playground/ })).toHaveAttribute('href', /\/lesson\/pretraining/);
  expect(errors).toEqual([]);
});
