/**
 * Touch on a plot that takes drags (the optimizer contour): a swipe scrolls
 * the page and leaves the start mark alone; a press held still for a moment
 * (HOLD_MS in ContourPlot) drags the start mark. Real touch events through
 * the DevTools protocol, on a phone-sized, touch-enabled page.
 */
import { expect, test, waitForMetric } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const startOf = (url: string) => {
  const q = new URL(url).searchParams;
  return `${q.get('startX')},${q.get('startY')}`;
};

test('on the optimizer contour a swipe scrolls the page; a long press drags the start mark', async ({ page, errors }) => {
  await page.goto('/lesson/optimizers?backend=cpu&scene=free&startX=-1.5&startY=0.5');
  await waitForMetric(page, 'step', (v) => v === 0);
  const plot = page.locator('[data-figure="contour"] svg[role="img"]');
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const cx = box.x + box.width * 0.6;
  const cy = box.y + box.height * 0.6;
  const before = startOf(page.url());

  // a quick vertical swipe: the page scrolls, the start mark stays
  const y0 = await page.evaluate(() => scrollY);
  await touch('touchStart', cx, cy);
  for (let k = 1; k <= 8; k++) await touch('touchMove', cx, cy - 25 * k);
  await touch('touchEnd', cx, cy - 200);
  await expect.poll(() => page.evaluate(() => scrollY), { message: 'the swipe scrolled the page' }).toBeGreaterThan(y0 + 50);
  expect(startOf(page.url())).toBe(before);

  // a press held still past the hold time, then moved: the mark follows the finger
  const box2 = (await plot.boundingBox())!;
  const px = box2.x + box2.width * 0.3;
  const py = box2.y + box2.height * 0.4;
  await touch('touchStart', px, py);
  await page.waitForTimeout(700); // longer than the hold time: the gesture under test is a held press
  for (let k = 1; k <= 5; k++) await touch('touchMove', px + 12 * k, py + 8 * k);
  await touch('touchEnd', px + 60, py + 40);
  await expect.poll(() => startOf(page.url()), { message: 'the long press moved the start mark' }).not.toBe(before);
  expect(errors).toEqual([]);
});
