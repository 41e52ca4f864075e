/**
 * The built app runs under its Content-Security-Policy (csp.ts): every lesson
 * loads, trains and draws with no violation report, and the policy is really
 * in force (an inline script is refused).
 */
import { expect, test, waitForMetric } from './fixtures';
import { lessonIds } from './lessons';

test('every lesson trains under the CSP with no violation; inline script is blocked', async ({ page, errors }) => {
  test.setTimeout(300_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const id of lessonIds) {
    await page.goto(`/lesson/${id}?backend=cpu`);
    await waitForMetric(page, 'step', (v) => v === 0, 60_000);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMetric(page, 'step', (v) => v > 2, 60_000);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), `CSP violations on ${id}`).toEqual([]);
  }
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/);
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  // the refused inline script is the one violation, and it is reported (so a violation would be seen)
  await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.length)).toBe(1);
  expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
});
