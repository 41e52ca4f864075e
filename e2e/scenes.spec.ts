/**
 * Scenes decide what is shown: for every lesson and scene, the figures on the
 * page (elements with data-figure) are exactly the scene's `show` list.
 */
import { expect, test } from './fixtures';
import { lessonIds, lessonMeta } from './lessons';

for (const id of lessonIds) {
  test(`${id}: every scene shows exactly its figures`, async ({ page, errors }) => {
    test.setTimeout(300_000);
    const meta = await lessonMeta(id);
    for (const [i, scene] of meta.scenes.entries()) {
      if (!scene.show) continue;
      await page.goto(`/lesson/${id}?backend=cpu&scene=${i}`);
      const want = [...scene.show].sort();
      await expect
        .poll(async () => (await page.locator('[data-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')))).sort(), {
          message: `scene ${i + 1} "${scene.title}"`,
          timeout: 15_000,
        })
        .toEqual(want);
    }
    expect(errors).toEqual([]);
  });
}
