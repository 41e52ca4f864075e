/** At 390 px the transport's More menu reaches Keep this run, Hide results and Run 5 seeds. */
import { expect, test, waitForMetric } from './fixtures';

test('at 390 px: More actions keeps a run, hides and reveals the results, and runs 5 seeds', async ({ page, errors }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/lesson/xor?backend=cpu&scene=0');
  await waitForMetric(page, 'step', (v) => v === 0);
  const more = page.getByRole('button', { name: 'More actions' });
  await expect(more).toBeVisible();
  await page.getByRole('button', { name: 'Step' }).click();
  await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 2);
  await more.click();
  await page.getByRole('menuitem', { name: 'Keep this run' }).click();
  await expect(page.locator('[data-figure="loss"] path.ghost')).toHaveCount(1);
  await more.click();
  await page.getByRole('menuitem', { name: 'Hide results' }).click();
  await expect(page.locator('[data-metric="loss"]')).toHaveText('?');
  await expect(page.getByRole('button', { name: 'Reveal' })).toBeVisible();
  await more.click();
  await page.getByRole('menuitem', { name: 'Reveal results' }).click();
  await expect(page.locator('[data-metric="loss"]')).not.toHaveText('?');
  await more.click();
  await page.getByRole('menuitem', { name: 'Run 5 seeds' }).click();
  await expect(page.locator('[data-claim-runs] [data-claim-tally] td').first()).toHaveText('5 of 5', { timeout: 60_000 });
  expect(errors).toEqual([]);
});
