/**
 * A figure never looks blank or cut without saying why: a log-scale chart of a
 * loss that is exactly 0 says so; an equation too wide for a phone shows that
 * it scrolls; prose starts folded so the first screen is the figure's.
 */
import { expect, test, waitForMetric } from './fixtures';
import { lessonIds } from './lessons';

test('xor scene 2: the loss of the hand-set network is exactly 0 and its log chart says so', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu&scene=1');
  await waitForMetric(page, 'loss', (v) => v === 0);
  await expect(page.locator('[data-chart-note]')).toContainText('exactly 0');
  expect(errors).toEqual([]);
});

test('at 390 px an equation wider than the screen is marked as scrolling and can be reached by keyboard', async ({ page, errors }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  let wide = 0;
  for (const id of lessonIds) {
    await page.goto(`/lesson/${id}?backend=cpu&scene=0`);
    await waitForMetric(page, 'step', (v) => v === 0);
    await expect(page.locator('.equation').first()).toBeAttached();
    const eqs = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('div.equation')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ over: e.scrollWidth > e.clientWidth + 2, marked: e.hasAttribute('data-scrolls'), tab: e.tabIndex })),
    );
    for (const e of eqs) {
      expect(e.marked, `${id}: an equation that overflows is marked, one that fits is not`).toBe(e.over);
      if (e.over) {
        wide++;
        expect(e.tab).toBe(0);
      }
    }
  }
  test.info().annotations.push({ type: 'wide equations at 390', description: String(wide) });
  expect(errors).toEqual([]);
});

test('prose starts folded on every lesson', async ({ page, errors }) => {
  for (const id of lessonIds) {
    await page.goto(`/lesson/${id}?backend=cpu&scene=0`);
    await waitForMetric(page, 'step', (v) => v === 0);
    const details = page.locator('details.prose');
    await expect(details).toHaveCount(1);
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open), id).toBe(false);
  }
  expect(errors).toEqual([]);
});

test('the Embed snippet opens over the page, moving nothing, and Escape closes it', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu&scene=0');
  await waitForMetric(page, 'step', (v) => v === 0);
  const top = () => page.locator('.scene-head').evaluate((e) => e.getBoundingClientRect().top);
  const before = await top();
  await page.getByRole('button', { name: 'Embed' }).click();
  await expect(page.getByRole('dialog', { name: 'Embed this lesson' })).toBeVisible();
  expect(await top()).toBe(before);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Embed this lesson' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('xor scene 1: the one-colour surface of the linear model says what it shows once it is flat', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu&scene=0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-flat-surface]')).toContainText('f(x) ≈ 0.50 at every point', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('convolution scene 1: the window buttons are named by their words and only the transport has a Step', async ({ page, errors }) => {
  await page.goto('/lesson/convolution?backend=cpu&scene=0');
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toHaveCount(1);
  const before = await page.getByTestId('slide-pos').textContent();
  await page.getByRole('button', { name: 'Next window', exact: true }).click();
  await expect(page.getByTestId('slide-pos')).not.toHaveText(before!);
  await page.getByRole('button', { name: 'Previous window', exact: true }).click();
  await expect(page.getByTestId('slide-pos')).toHaveText(before!);
  expect(errors).toEqual([]);
});
