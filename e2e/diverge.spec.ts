import { PLOT_INTERVAL_MS } from '../src/ui/plotInterval';
/**
 * Issue 17's four reproductions of a diverging run: each one diverges and
 * says at which step, yet no readout prints NaN or
 * Infinity and no chart is handed a non-finite coordinate (d3 would log
 * "Expected length, NaN" console errors, which the errors fixture collects).
 */
import { expect, test } from './fixtures';

const cases: { url: string; note: RegExp }[] = [
  { url: '/lesson/xor?backend=cpu&model=linear&lr=2', note: /Training diverged at step \d+: .* Lower the learning rate/ },
  // the many-seeds race: its mean loss overflows within the first hundred steps and the race stops there
  { url: '/lesson/xor?backend=cpu&model=mlp&activation=relu&hidden=8&lr=2&runs=100', note: /Training diverged at step \d+: .* Lower the learning rate/ },
  { url: '/lesson/vanishing?backend=cpu&view=mlp&activation=relu&init=he&scale=10&depth=10&width=64&lr=3', note: /Training diverged at step \d+: .* Lower the learning rate/ },
  { url: '/lesson/vanishing?backend=cpu&view=cliff&lr=3&clip=20', note: /Training diverged at step \d+: .* Lower the learning rate/ },
];

/**
 * Non-finite numbers in the page's text (outside the divergence note, whose
 * job is to say what became NaN) and in any SVG coordinate attribute.
 */
async function nonFiniteOnScreen(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const note = (document.querySelector('[data-alert]') as HTMLElement | null)?.innerText ?? '';
    const text = document.body.innerText.replace(note, '');
    for (const m of text.matchAll(/.{0,30}\b(NaN|Infinity)\b.{0,10}/g)) bad.push(`text: ${m[0]}`);
    for (const el of Array.from(document.querySelectorAll('svg *'))) {
      for (const a of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height', 'd', 'points', 'transform']) {
        const v = el.getAttribute(a);
        if (v && /NaN|Infinity/.test(v)) bad.push(`<${el.tagName} ${a}="${v.slice(0, 40)}">`);
      }
    }
    return bad.slice(0, 10);
  });
}

for (const c of cases) {
  test(`diverging run shows no NaN or Infinity: ${c.url}`, async ({ page, errors }) => {
    await page.goto(c.url);
    await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.getByText(c.note)).toBeVisible({ timeout: 80_000 });
    // the charts redraw at most every PLOT_INTERVAL_MS after the final message: past two periods they show what they were last given
    await page.waitForTimeout(2 * PLOT_INTERVAL_MS + 100);
    expect(await nonFiniteOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
