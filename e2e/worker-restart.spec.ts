/**
 * Every way the training worker can die — it throws, it closes itself, it
 * hangs in a loop — ends the same way: a note, a fresh worker with the same
 * lesson state (controls unchanged, step 0), and training that works again.
 * A worker that closes itself sends nothing and raises no event: the bridge's
 * ping must find it within 5 s of the close while playing, and at the next
 * command while paused (workerBridge.ts).
 */
import type { Page } from '@playwright/test';
import { expect, metric, test, waitForMetric } from './fixtures';

const CLOSE = 'setTimeout(() => self.close())';
const STOPPED = /training worker stopped responding and was restarted/;
const deaths: { name: string; kill: string; note: RegExp }[] = [
  { name: 'throws', kill: "setTimeout(() => { throw new Error('simulated crash'); })", note: /training worker stopped .*simulated crash.* restarted/ },
  { name: 'closes itself', kill: CLOSE, note: STOPPED },
  { name: 'hangs in a loop', kill: 'setTimeout(() => { for (;;) {} })', note: STOPPED },
];

async function killWorker(page: Page, code: string): Promise<void> {
  expect(page.workers().length).toBeGreaterThan(0);
  // eslint-disable-next-line no-new-func -- the test's own code, run inside the worker
  await page.workers()[0].evaluate((src) => new Function(src)(), code);
}

const play = (page: Page) => page.getByRole('button', { name: 'Play', exact: true }).click();

/** Kills the worker and waits for the restart note, at most 5 s from the kill; returns the seconds it took. */
async function killAndNotice(page: Page, code: string, note: RegExp, before?: () => Promise<void>): Promise<number> {
  const t0 = Date.now();
  await killWorker(page, code);
  await before?.();
  await expect(page.getByText(note)).toBeVisible({ timeout: Math.max(1, 5_000 - (Date.now() - t0)) });
  const s = (Date.now() - t0) / 1000;
  test.info().annotations.push({ type: 'noticed after', description: `${s.toFixed(1)} s` });
  return s;
}

for (const d of deaths) {
  test(`a worker that ${d.name} is restarted with the lesson state, and training goes on`, async ({ page }) => {
    await page.goto('/lesson/xor?backend=cpu&model=mlp&activation=tanh&hidden=6&seed=5&lr=0.3');
    await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
    await play(page);
    await waitForMetric(page, 'step', (v) => v > 30);
    await killAndNotice(page, d.kill, d.note);
    // same lesson state: controls unchanged, a fresh run from step 0 with the same parameters
    await waitForMetric(page, 'step', (v) => v === 0);
    await expect(page.getByLabel('Hidden units value')).toHaveValue('6');
    await expect(page.getByLabel('Seed value')).toHaveValue('5');
    await expect(page.getByLabel('Learning rate value')).toHaveValue('0.3');
    await play(page);
    await waitForMetric(page, 'step', (v) => v > 30);
    await waitForMetric(page, 'loss', (v) => v < 0.05);
    expect(await metric(page, 'loss')).toBeLessThan(0.05);
  });
}

// the heaviest lessons to answer a ping (a CNN on digits, an LSTM, two nets racing with batch norm)
for (const id of ['convolution', 'lstm', 'batchnorm']) {
  test(`${id}: a worker that closes itself while playing is found within 5 s; Play trains the same lesson at once`, async ({ page }) => {
    await page.goto(`/lesson/${id}?backend=cpu&seed=3`);
    await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
    const url = page.url();
    await play(page);
    await waitForMetric(page, 'step', (v) => v > 5);
    await killAndNotice(page, CLOSE, STOPPED);
    await waitForMetric(page, 'step', (v) => v === 0);
    expect(page.url()).toBe(url);
    await play(page);
    await waitForMetric(page, 'step', (v) => v > 5);
  });
}

test('a worker that closes itself while paused is found at the next command, and Play then trains', async ({ page }) => {
  await page.goto('/lesson/xor?backend=cpu&hidden=6&seed=5');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await play(page);
  await waitForMetric(page, 'step', (v) => v > 30);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'false');
  const paused = await metric(page, 'step');
  // the next command (Play) goes to a dead worker: nothing trains, and the bridge notices
  await killAndNotice(page, CLOSE, STOPPED, () => play(page));
  expect(paused).toBeGreaterThan(30);
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.getByLabel('Hidden units value')).toHaveValue('6');
  await play(page);
  await waitForMetric(page, 'step', (v) => v > 30);
});
