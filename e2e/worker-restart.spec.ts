/**
 * Every way the training worker can die — it throws, it closes itself, it
 * hangs in a loop — ends the same way: a note, a fresh worker with the same
 * lesson state (controls unchanged, step 0), and training that works again.
 */
import type { Page } from '@playwright/test';
import { expect, metric, test, waitForMetric } from './fixtures';

const deaths: { name: string; kill: string; note: RegExp }[] = [
  { name: 'throws', kill: "setTimeout(() => { throw new Error('simulated crash'); })", note: /training worker stopped .*simulated crash.* restarted/ },
  { name: 'closes itself', kill: 'setTimeout(() => self.close())', note: /training worker stopped responding and was restarted/ },
  { name: 'hangs in a loop', kill: 'setTimeout(() => { for (;;) {} })', note: /training worker stopped responding and was restarted/ },
];

async function killWorker(page: Page, code: string): Promise<void> {
  expect(page.workers().length).toBeGreaterThan(0);
  // eslint-disable-next-line no-new-func -- the test's own code, run inside the worker
  await page.workers()[0].evaluate((src) => new Function(src)(), code);
}

for (const d of deaths) {
  test(`a worker that ${d.name} is restarted with the lesson state, and training goes on`, async ({ page }) => {
    await page.goto('/lesson/xor?backend=cpu&model=mlp&activation=tanh&hidden=6&seed=5&lr=0.3');
    await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMetric(page, 'step', (v) => v > 30);
    await killWorker(page, d.kill);
    await expect(page.getByText(d.note)).toBeVisible({ timeout: 20_000 });
    // same lesson state: controls unchanged, a fresh run from step 0 with the same parameters
    await waitForMetric(page, 'step', (v) => v === 0);
    await expect(page.getByLabel('Hidden units value')).toHaveValue('6');
    await expect(page.getByLabel('Seed value')).toHaveValue('5');
    await expect(page.getByLabel('Learning rate value')).toHaveValue('0.3');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMetric(page, 'step', (v) => v > 30);
    await waitForMetric(page, 'loss', (v) => v < 0.05);
    expect(await metric(page, 'loss')).toBeLessThan(0.05);
  });
}
