import { test as base, expect, type Page } from '@playwright/test';

/** A page that records console errors and uncaught exceptions; tests assert there are none. */
export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await use(errors);
  },
});
export { expect };

/** The current value of a data-metric readout, as a number (NaN while empty). */
export async function metric(page: Page, name: string): Promise<number> {
  const t = await page.locator(`[data-metric="${name}"]`).first().textContent();
  return t === null || t === '' ? NaN : Number(t);
}

/** Waits until a metric satisfies a predicate. */
export async function waitForMetric(page: Page, name: string, ok: (v: number) => boolean, timeout = 45_000): Promise<number> {
  let last = NaN;
  await expect
    .poll(async () => {
      last = await metric(page, name);
      return ok(last);
    }, { timeout, message: `metric ${name} (last ${last})` })
    .toBe(true);
  return last;
}
