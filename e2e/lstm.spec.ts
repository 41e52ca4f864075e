import { expect, expectNoLongTasks, metric, test, waitForMetric, watchMainThread } from './fixtures';

test('the race: Play trains RNN, LSTM and GRU side by side; the LSTM passes 0.9 on the first scene (length 30)', async ({ page, errors }) => {
  await page.goto('/lesson/lstm?scene=0&backend=cpu');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  for (const m of ['acc_rnn', 'acc_lstm', 'acc_gru']) await waitForMetric(page, m, (v) => v >= 0 && v <= 1);
  await expect(page.locator('[data-figure]')).toHaveCount(2);
  await page.getByRole('button', { name: 'Play' }).click();
  const t0 = Date.now();
  await waitForMetric(page, 'acc_lstm', (v) => v > 0.9, 80_000);
  console.log(`LSTM above 0.9 ${((Date.now() - t0) / 1000).toFixed(1)} s after Play (step ${await metric(page, 'step')}, acc_rnn ${await metric(page, 'acc_rnn')}, acc_gru ${await metric(page, 'acc_gru')})`);
  for (const m of ['loss_rnn', 'loss_lstm', 'loss_gru']) expect(await metric(page, m)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});

test('the cell: stepping through the sequence changes the shown gate values; typing a sequence shows it', async ({ page, errors }) => {
  await page.goto('/lesson/lstm?scene=1&backend=cpu');
  const f = page.locator('[data-gate="f"] [data-value]');
  await expect(f).toBeVisible();
  await expect(page.locator('[data-probe-t]')).toHaveText('1');
  const values = async () => Promise.all(['f', 'g', 'q', 's(t)'].map((g) => page.locator(`[data-gate="${g}"] [data-value]`).getAttribute('data-value')));
  const first = await values();
  await page.getByRole('button', { name: 'Later symbol' }).click();
  await expect(page.locator('[data-probe-t]')).toHaveText('2');
  await expect.poll(values).not.toEqual(first);
  await page.getByLabel('Symbol 5:').click();
  await expect(page.locator('[data-probe-t]')).toHaveText('5');

  const box = page.getByLabel('Type a sequence');
  await box.fill('dabcab');
  await box.press('Enter');
  await expect(page).toHaveURL(/probe=DABCAB/);
  await expect(page.getByRole('list', { name: /one symbol per step/ }).getByRole('button')).toHaveCount(6);
  await expect(page.getByLabel('Symbol 1:')).toHaveText('D');
  await expect(page.locator('[data-probe-answer]')).toContainText('First symbol: D');
  await page.getByRole('button', { name: 'Add C' }).click();
  await expect(page).toHaveURL(/probe=DABCABC/);
  // bad characters are left out with a note, never rendered as markup
  await box.fill('<b>A</b>x');
  await box.press('Enter');
  await expect(page.locator('.probe [role="status"]')).toContainText('Only the symbols');
  await expect(page).toHaveURL(/probe=BAB/);
  expect(errors).toEqual([]);
});

test('embed and presenter mode show the lesson', async ({ page, errors }) => {
  await page.goto('/embed/lstm?backend=cpu');
  await expect(page.locator('[data-metric="acc_lstm"]')).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForMetric(page, 'step', (v) => v > 3);
  await page.goto('/lesson/lstm?backend=cpu');
  await expect(page.locator('[data-backend="cpu"]')).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.locator('[data-presenting]')).toBeVisible();
  // a lesson opens on its first scene (the race); the arrow goes on to the cell
  await expect(page).toHaveURL(/scene=0/);
  await expect(page.locator('[data-figure="race"]')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/scene=1/);
  await expect(page.locator('[data-figure="cell"]')).toBeVisible();
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

test('while the race trains, no main-thread task does 50 ms of work (cell scene: diagram, heat maps, probe)', { tag: '@smooth' }, async ({ page, errors }) => {
  await page.goto('/lesson/lstm?scene=1&backend=cpu');
  await expect(page.locator('[data-gate="f"] [data-value]')).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  const seen = await watchMainThread(page, async () => {
    await page.waitForTimeout(6000);
  });
  expectNoLongTasks(seen);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});
