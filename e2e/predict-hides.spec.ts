/**
 * Predict, then reveal hides the answer, all of it: in every scene that asks
 * the class to predict, while results are hidden the readout shows "?" (the
 * step still counts) and no number the run produced is anywhere in the
 * page's visible text (figure labels, equations, tables, claims).
 */
import { expect, test, waitForMetric } from './fixtures';
import { lessonIds, lessonMeta } from './lessons';

for (const id of lessonIds) {
  test(`${id}: every predict scene hides every outcome number while results are hidden`, async ({ page, errors }) => {
    const meta = await lessonMeta(id);
    const predict = meta.scenes.map((s, i) => (s.predict ? i : -1)).filter((i) => i >= 0);
    test.skip(predict.length === 0, `${id} has no predict scene`);
    for (const n of predict) {
      await page.goto(`/lesson/${id}?backend=cpu&scene=${n}&hide=1`);
      await waitForMetric(page, 'step', (v) => v === 0);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      // past step 30, or the end of a scene whose run is shorter (a search of 18 trials)
      const finished = page.getByText(/Finished at step/);
      await expect
        .poll(async () => Number(await page.locator('[data-metric="step"]').first().textContent()) > 30 || (await finished.count()) > 0, { timeout: 60_000 })
        .toBe(true);
      if ((await finished.count()) === 0) await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'false');
      const shown = await page.locator('[data-metric]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-metric'), e.textContent ?? '']));
      for (const [name, text] of shown) if (name !== 'step' && name !== 'epoch') expect(text, `scene ${n + 1}: readout ${name}`).toBe('?');
      const hiddenText = await page.evaluate(() => document.body.innerText);
      // and inside the figures no measured-looking number is readable: a percentage or a value with two or more decimals
      // (axis ticks are the plots' scales and [data-setup] numbers come from the settings: left out)
      const figureNumbers = await page.evaluate(() => {
        const out: string[] = [];
        for (const fig of document.querySelectorAll('[data-figure]')) {
          const walker = document.createTreeWalker(fig, NodeFilter.SHOW_TEXT);
          for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            const el = t.parentElement;
            const s = t.textContent ?? '';
            if (!el || el.closest('.tick, [data-export-ui], .cover-note, .katex-mathml, [data-setup]') || !/\d(\.\d{2,}|\s?%)/.test(s)) continue;
            const r = el.getBoundingClientRect();
            if (r.width > 0 && getComputedStyle(el).visibility !== 'hidden' && el.checkVisibility()) out.push(s.trim().slice(0, 40));
          }
        }
        return out;
      });
      expect(figureNumbers, `scene ${n + 1}: numbers readable in figures while hidden`).toEqual([]);
      await page.getByRole('button', { name: 'Reveal' }).first().click();
      await expect(page.locator('[data-metric]').nth(1)).not.toHaveText('?');
      const values = await page.locator('[data-metric]').evaluateAll((els) => els.filter((e) => !['step', 'epoch'].includes(e.getAttribute('data-metric') ?? '')).map((e) => e.textContent ?? ''));
      // numbers specific enough to be the run's own (not a 0, a 1 or a tick label)
      const outcome = values.filter((v) => /\d/.test(v) && v.replace(/[^0-9]/g, '').length >= 3 && !/^\d{1,3}$/.test(v));
      for (const v of outcome) expect(hiddenText.includes(v), `scene ${n + 1}: "${v}" was readable while results were hidden`).toBe(false);
    }
    expect(errors).toEqual([]);
  });
}
