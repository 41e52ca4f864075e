/**
 * Every lesson (found from src/lessons/<id>/meta.ts, so a new lesson is
 * covered the day it lands) keeps the main thread smooth at full speed: no
 * task over 50 ms of CPU in a Chromium trace of 5 s of training in its
 * sandbox, where every figure of the lesson is on the page.
 */
import { expect, expectNoLongTasks, measureWindow, test, waitForMetric, watchMainThread } from './fixtures';
import { lessonIds } from './lessons';

for (const id of lessonIds) {
  test(`${id}: no main-thread task over 50 ms of CPU at full speed`, { tag: '@smooth' }, async ({ page, errors }, info) => {
    test.setTimeout(240_000);
    await page.goto(`/lesson/${id}?backend=cpu&scene=free`); // the sandbox: every figure of the lesson on the page while it trains
    await waitForMetric(page, 'step', (v) => v === 0);
    await page.getByLabel('Speed').selectOption('0');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMetric(page, 'step', (v) => v > 0);
    const seen = await watchMainThread(page, () => measureWindow(page));
    info.annotations.push({ type: 'longest main-thread tasks (cpu ms)', description: seen.taskCpuMs.slice(0, 5).join(', ') });
    expectNoLongTasks(seen);
    expect(errors).toEqual([]);
  });
}

