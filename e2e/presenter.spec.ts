import { expect, metric, test, waitForMetric } from './fixtures';
import { lessonIds, lessonMeta } from './lessons';

test('presenter mode: p toggles it, arrows change scene and URL, space toggles training', async ({ page, errors }) => {
  await page.goto('/lesson/xor?backend=cpu');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await waitForMetric(page, 'step', (v) => v === 0);
  // a lesson opens on its first scene
  await expect(page).toHaveURL(/scene=0/);
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting]')).toBeVisible();
  await expect(page.getByText(/scene · /)).toBeVisible();
  await expect(page.getByRole('heading', { name: /1 \/ 4: A linear model/ })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/scene=2/);
  await expect(page.getByRole('heading', { name: /3 \/ 4: Training from random weights/ })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/scene=1/);
  await page.keyboard.press('ArrowRight');

  await page.keyboard.press('Space');
  await waitForMetric(page, 'step', (v) => v > 10);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'false');
  const s = await metric(page, 'step');
  await page.waitForTimeout(500);
  expect(await metric(page, 'step')).toBe(s);

  // past the last scene comes the Sandbox, and back
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('heading', { name: /4 \/ 4:/ })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toBeVisible();
  await expect(page).toHaveURL(/scene=free/);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('heading', { name: 'Sandbox' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('heading', { name: /4 \/ 4:/ })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.locator('[data-presenting]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('presenter keys: space works after a mouse click on a button, c opens the controls over the figure, d restores the scene', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/lesson/xor?backend=cpu&scene=2');
  await waitForMetric(page, 'step', (v) => v === 0);
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting]')).toBeVisible();
  // a mouse click leaves focus on Step; space must still play, not step again
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await waitForMetric(page, 'step', (v) => v === 1);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await waitForMetric(page, 'step', (v) => v > 5);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'false');

  await page.keyboard.press('c');
  const panel = page.getByRole('dialog', { name: 'Controls' });
  await expect(panel).toBeVisible();
  await panel.getByLabel('Learning rate value').fill('0.05');
  await panel.getByLabel('Learning rate value').press('Enter');
  await expect(page).toHaveURL(/lr=0.05/);
  // the panel floats over the stage: the page still does not scroll
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
  await panel.getByLabel('Learning rate value').blur();
  await page.keyboard.press('c');
  await expect(panel).toHaveCount(0);
  await page.keyboard.press('d');
  await expect(page).not.toHaveURL(/lr=0.05/);
  await expect(page).toHaveURL(/scene=2/);
  expect(errors).toEqual([]);
});

test('Copy link copies an address that reproduces the parameters and the loss at the same step', async ({ page, context, errors }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/lesson/xor?backend=cpu&scene=free');
  await page.getByLabel('Learning rate value').fill('0.37');
  await page.getByLabel('Learning rate value').press('Enter');
  await page.getByLabel('Seed value').fill('9');
  await page.getByLabel('Seed value').press('Enter');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('lr=0.37');
  expect(link).toContain('seed=9');
  for (let i = 0; i < 15; i++) await page.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(page, 'step', (v) => v === 15);
  const loss = await metric(page, 'loss');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Learning rate value')).toHaveValue('0.37');
  for (let i = 0; i < 15; i++) await other.getByRole('button', { name: 'Step' }).click();
  await waitForMetric(other, 'step', (v) => v === 15);
  expect(await metric(other, 'loss')).toBe(loss);
  expect(errors).toEqual([]);
});

/** Axis tick text as drawn on screen (px): the glyph box height over the font's line-box ratio. */
const tickSizes = () =>
  Array.from(document.querySelectorAll('.presenter-stage .tick')).map((t) => {
    const svg = (t as SVGTextElement).ownerSVGElement!;
    const vb = svg.viewBox.baseVal;
    const r = svg.getBoundingClientRect();
    const scale = Math.min(r.width / vb.width, r.height / vb.height);
    return parseFloat(getComputedStyle(t).fontSize) * scale;
  });

/**
 * The smallest text as rendered on the presenter stage, and how many text
 * pieces are under 14 px; KaTeX's script-style parts (sub- and superscripts,
 * tight fractions) apart, with their own smallest size (the rule for them is
 * 10 px). HTML text is its font size times the CSS zoom above it; SVG text its
 * font size (user units) times the text's screen matrix, which already holds
 * the zoom and the viewBox scale (multiplying by the zoom again, as this did
 * before, counted it twice). KaTeX's hidden MathML copy and visually hidden
 * or zero-width pieces are skipped; KaTeX's drawn text (aria-hidden) is measured.
 */
const smallestText = () => {
  const stage = document.querySelector('.presenter-stage');
  let px = Infinity;
  let what = '';
  let under14 = 0;
  let scriptPx = Infinity;
  if (!stage) return { px, what, under14, scriptPx };
  const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent?.trim();
    const el = n.parentElement;
    if (!t || /^[\u200b\s]*$/.test(t) || !el || el.closest('.katex-mathml, [data-export-ui]')) continue;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGGraphicsElement) {
      const m = el.getScreenCTM();
      if (m) size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    } else size *= (el as unknown as { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    if (el.closest('.katex .msupsub, .katex .mtight')) {
      scriptPx = Math.min(scriptPx, size);
      continue;
    }
    if (size < 14) under14++;
    if (size < px) {
      px = size;
      what = t.slice(0, 30);
    }
  }
  return { px, what, under14, scriptPx };
};

/**
 * Scenes of the lead's lessons (tuning, batchnorm) whose presenter stage still
 * draws text under the rule below, to be fixed in those lessons; every other
 * scene of every lesson is held to it.
 */
const TEXT_KNOWN = new Set<string>();

for (const id of lessonIds) {
  test(`${id}: presenter mode fits 1920x1080 without scrolling in every scene, zoom >= 0.75, text >= 14 px, axis text >= 18 px`, async ({ page, errors }) => {
    const meta = await lessonMeta(id);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/lesson/${id}?backend=cpu&scene=0`);
    await waitForMetric(page, 'step', (v) => v === 0);
    await page.keyboard.press('p');
    await expect(page.locator('[data-presenting]')).toBeVisible();
    for (let i = 0; i < meta.scenes.length; i++) {
      await expect(page.getByRole('heading', { name: new RegExp(`^${i + 1} / ${meta.scenes.length}:`) })).toBeVisible();
      const s0 = await waitForMetric(page, 'step', (v) => Number.isFinite(v));
      await page.keyboard.press('Space');
      // a scene that keeps the run (no rebuild) carries its step on: wait for this play to show before pausing
      await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await waitForMetric(page, 'step', (v) => v > s0 + 2);
      await page.keyboard.press('Space');
      await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'false');
      const shown = meta.scenes[i].show ?? [];
      if (shown.length) await expect(page.locator(`[data-figure="${shown[0]}"]`)).toBeVisible();
      // the stage has settled its zoom when two frames agree
      await expect.poll(() => page.evaluate(() => new Promise<string>((r) => requestAnimationFrame(() => r(document.querySelector('.fit-box')?.getAttribute('data-zoom') ?? ''))))).not.toBe('');
      const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
      expect(size.h, `scene ${i + 1} page height`).toBeLessThanOrEqual(1080);
      expect(size.w, `scene ${i + 1} page width`).toBeLessThanOrEqual(1920);
      const ticks = await page.evaluate(tickSizes);
      const zoom = Number(await page.locator('.fit-box').getAttribute('data-zoom'));
      const text = await page.evaluate(smallestText);
      test.info().annotations.push({ type: `scene ${i + 1}`, description: `zoom ${zoom}, smallest text ${text.px.toFixed(1)} px ("${text.what}"), ${text.under14} text pieces under 14 px, smallest KaTeX script ${text.scriptPx.toFixed(1)} px, smallest tick ${Math.min(...ticks).toFixed(1)} px, figures ${await page.locator('[data-figure]').count()} of ${shown.length}` });
      // a projector shows fewer figures rather than shrunken ones
      expect(zoom, `scene ${i + 1} stage zoom`).toBeGreaterThanOrEqual(0.75);
      // readable from the back row: no text under 14 px as drawn, KaTeX's sub- and superscripts no smaller than 10 px
      if (!TEXT_KNOWN.has(`${id}/${i + 1}`)) {
        expect(text.px, `scene ${i + 1} smallest text ("${text.what}")`).toBeGreaterThanOrEqual(14);
        expect(text.scriptPx, `scene ${i + 1} smallest KaTeX script`).toBeGreaterThanOrEqual(10);
      }
      for (const t of ticks) expect(t, `scene ${i + 1} axis text`).toBeGreaterThanOrEqual(17.5);
      // nothing of a figure runs past the screen's edge (the confusion table did, in one grid column)
      const past = await page.evaluate(() =>
        [...document.querySelectorAll('[data-figure] table, [data-figure] svg[role="img"], [data-figure] canvas')]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1);
          })
          .map((e) => e.closest('[data-figure]')?.getAttribute('data-figure')),
      );
      expect(past, `scene ${i + 1} figures past the screen's edge`).toEqual([]);
      await page.screenshot({ path: test.info().outputPath(`${id}-scene${i + 1}.png`) });
      await page.keyboard.press('ArrowRight');
    }
    expect(errors).toEqual([]);
  });
}
