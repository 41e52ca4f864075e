/**
 * Scenes decide what is shown: for every lesson and scene, the figures on the
 * page (elements with data-figure) are exactly the scene's `show` list.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonMeta } from '../src/ui/lesson';
import { expect, test } from './fixtures';

const dir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../src/lessons');
const ids = readdirSync(dir).filter((d) => existsSync(resolve(dir, d, 'meta.ts')));

for (const id of ids) {
  test(`${id}: every scene shows exactly its figures`, async ({ page, errors }) => {
    const { meta } = (await import(`../src/lessons/${id}/meta.ts`)) as { meta: LessonMeta };
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
