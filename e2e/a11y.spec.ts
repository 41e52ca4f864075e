/**
 * Accessibility and the small things issue 12 asks of every page: axe finds
 * no critical or serious violation on the home page, every lesson and every
 * embed at 1280 and 390 px (and every lesson in the dark theme); a skip link
 * reaches the transport; number boxes keep focus and the last good value;
 * reduced motion slows the default speed; the focus ring has 3:1 contrast on
 * both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, waitForMetric } from './fixtures';
import { lessonIds } from './lessons';

async function seriousViolations(page: Page) {
  // Legacy mode runs axe.run() in the page itself. The default mode runs axe.runPartial() in every
  // frame and then axe.finishRun() in a blank page it opens and injects axe into: the same rules
  // and the same results on a page without frames (compared on the home page, the optimizers
  // lesson and embed, dropout and XOR: identical violations, passes and incomplete), and up to
  // a second more per scan. Legacy mode cannot test a cross-origin frame, so a page that has
  // any frame keeps the default mode.
  const legacy = page.frames().length === 1;
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode(legacy)
    .analyze();
  return r.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const WIDTHS = [1280, 390];
const pages = ['/', ...lessonIds.flatMap((id) => [`/lesson/${id}?backend=cpu`, `/embed/${id}?backend=cpu`])];

/**
 * Opens `url` as a first visit would: the lesson page and the controls pick
 * their first layout from the width when they mount, so each width (and the
 * dark theme) is a fresh navigation, never a resize of a page already open;
 * storage is emptied first, so nothing from the previous load (the resume
 * entry) can change what opens.
 */
async function openFresh(page: Page, url: string) {
  if (page.url().startsWith('http')) await page.evaluate(() => (localStorage.clear(), sessionStorage.clear()));
  await page.goto(url);
  if (url !== '/') await waitForMetric(page, 'step', (v) => v === 0);
  else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

// One test per page, each width (and the dark theme for a lesson) a fresh load of it in turn: a
// test (a browser context) per width made every scan pay for a cold page. Every scan runs even if
// an earlier one found something, and the failure names the page and each width's violations.
for (const url of pages) {
  const dark = url.startsWith('/lesson/');
  const title = `axe at ${WIDTHS.join(' and ')} px${dark ? ' and in the dark theme' : ''}: ${url}`;
  test(title, async ({ page, errors }) => {
    const runs = WIDTHS.length + (dark ? 2 : 0);
    test.setTimeout(test.info().timeout * runs); // the budget the separate tests had
    const found: Record<string, string[]> = {};
    const consoleErrors: Record<string, string[]> = {};
    const scan = async (key: string, setup: () => Promise<void>, after?: () => Promise<void>) => {
      const before = errors.length;
      await setup();
      await openFresh(page, url);
      await after?.();
      if (key === 'dark theme') expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(251, 251, 252)');
      found[key] = await seriousViolations(page);
      consoleErrors[key] = errors.slice(before);
    };
    for (const width of WIDTHS) await scan(`${width} px`, () => page.setViewportSize({ width, height: width > 600 ? 800 : 844 }));
    if (dark) {
      // what training puts on the page (finished phases, claims judged, readouts filled) is scanned too
      await scan(
        'after Play',
        () => page.setViewportSize({ width: 1280, height: 800 }),
        async () => {
          await page.getByRole('button', { name: 'Play', exact: true }).click();
          await waitForMetric(page, 'step', (v) => v > 60);
          await page.getByRole('button', { name: 'Pause', exact: true }).click();
        },
      );
      await scan('dark theme', async () => {
        await page.setViewportSize({ width: 1280, height: 720 }); // the default viewport the separate dark test had
        await page.emulateMedia({ colorScheme: 'dark' });
      });
    }
    const none = Object.fromEntries(Object.keys(found).map((k) => [k, []]));
    expect(found, `critical or serious axe violations on ${url}`).toEqual(none);
    expect(consoleErrors, `console errors on ${url}`).toEqual(none);
    expect(errors).toEqual([]);
  });
}

/** WCAG contrast ratio of two CSS colours computed by the page. */
const contrastOf = ([a, b]: [string, string]) => {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test('the theme toggle switches to dark and back, and the focus ring reaches 3:1 on both backgrounds', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  const colours = () =>
    page.evaluate(() => {
      const cs = getComputedStyle(document.documentElement);
      const probe = document.createElement('div');
      document.body.append(probe);
      probe.style.color = cs.getPropertyValue('--focus');
      const focus = getComputedStyle(probe).color;
      probe.remove();
      return [focus, getComputedStyle(document.body).backgroundColor] as [string, string];
    });
  const light = await colours();
  expect(contrastOf(light), `focus ${light[0]} on ${light[1]}`).toBeGreaterThanOrEqual(3);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const dark = await colours();
  expect(dark[1]).not.toBe(light[1]);
  expect(contrastOf(dark), `focus ${dark[0]} on ${dark[1]}`).toBeGreaterThanOrEqual(3);
  // the choice survives a reload
  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});

test('a skip link takes the keyboard to the transport', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the training controls' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#transport')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeFocused();
  expect(errors).toEqual([]);
});

test('Tab reaches the figures and their export buttons before the parameter panel beside them', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/lesson/xor?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByRole('button', { name: 'Play', exact: true }).focus();
  const order: string[] = [];
  for (let i = 0; i < 60 && !order.includes('panel'); i++) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const a = document.activeElement;
        if (!a) return 'none';
        if (a.closest('#lesson-controls')) return 'panel';
        return a.classList.contains('export-toggle') ? 'export' : 'other';
      }),
    );
  }
  expect(order, 'Tab order from Play').toContain('panel');
  expect(order.indexOf('export'), 'an export button before the first parameter').toBeGreaterThanOrEqual(0);
  expect(order.indexOf('export')).toBeLessThan(order.indexOf('panel'));
  expect(errors).toEqual([]);
});

test('a number box keeps focus on Enter, and a value that is not a number puts the previous one back', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu&scene=free');
  await waitForMetric(page, 'step', (v) => v === 0);
  const lr = page.getByLabel('Learning rate value');
  await lr.fill('0.3');
  await lr.press('Enter');
  await expect(page).toHaveURL(/lr=0.3/);
  await expect(lr).toBeFocused();
  await lr.fill('abc');
  await lr.press('Enter');
  await expect(lr).toHaveValue('0.3');
  await expect(page.getByText(/"abc" is not a number; kept 0.3/)).toBeVisible();
  await expect(page).toHaveURL(/lr=0.3/);
  expect(errors).toEqual([]);
});

test('prefers-reduced-motion starts at a slower speed', async ({ page, errors }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/lesson/xor?backend=cpu');
  await waitForMetric(page, 'step', (v) => v === 0);
  await expect(page.getByLabel('Speed')).toHaveValue('30');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page.getByLabel('Speed')).toHaveValue('100');
  expect(errors).toEqual([]);
});

test('the home page shows a card per lesson with a picture, what it teaches and how long, and no raw TeX', async ({ page, errors }) => {
  await page.goto('/');
  const cards = page.locator('.card');
  await expect(cards).toHaveCount(lessonIds.length);
  for (let i = 0; i < lessonIds.length; i++) {
    await expect(cards.nth(i).locator('svg.thumb')).toBeVisible();
    await expect(cards.nth(i)).toContainText(/about \d+ min/);
  }
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/[A-Za-z]\^[A-Za-z0-9{]|\\[a-z]+/);
  expect(errors).toEqual([]);
});

test('a lesson opens on scene 1; the free sandbox is the last tab and shows every figure', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page).toHaveURL(/scene=0/);
  const tabs = page.getByRole('navigation', { name: 'Scenes' }).getByRole('button');
  await expect(tabs.first()).toHaveAttribute('aria-current', 'step');
  await expect(tabs.last()).toHaveText('Sandbox');
  await tabs.last().click();
  await expect(page).toHaveURL(/scene=free/);
  await expect(tabs.last()).toHaveAttribute('aria-current', 'step');
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a finished run says so and offers Reset', async ({ page, errors }) => {
  // the seed race is the XOR run that finishes (after its fixed number of steps)
  await page.goto('/lesson/xor?backend=cpu&scene=3');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.getByLabel('Speed').selectOption('0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const note = page.locator('[data-run-state="finished"]');
  await expect(note).toContainText(/Finished at step \d+ — Reset to run again/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(note).toHaveCount(0);
  expect(errors).toEqual([]);
});
