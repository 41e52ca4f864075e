/**
 * The authoritative cpu/webgpu parity run, in headless Chromium with WebGPU
 * (SwiftShader adapter), inside a Worker as the app trains: every op forward
 * and gradient, 20 training steps of three models, and a device loss mid-run.
 */
import { expect, test } from '@playwright/test';
import { serveSuite } from '../test/webgpu/browser/serve';
import { WEBGPU_LAUNCH } from '../test/webgpu/browser/launch';

test.use({ launchOptions: WEBGPU_LAUNCH });
test.describe.configure({ mode: 'serial' });

let suite: Awaited<ReturnType<typeof serveSuite>>;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  suite = await serveSuite();
});
test.afterAll(async () => suite?.close());

async function runSuite(page: import('@playwright/test').Page, run: string): Promise<any> {
  await page.goto(`${suite.url}?run=${run}`);
  const handle = await page.waitForFunction(() => (window as any).__suite, undefined, { timeout: 540_000, polling: 500 });
  const r = await handle.jsonValue();
  expect(r.error, 'the suite worker failed').toBeUndefined();
  expect(r.adapter, 'Chromium gave no WebGPU adapter in the worker').toBeTruthy();
  return r;
}

test('op suite: every op forward and gradient on webgpu matches cpu', async ({ page }) => {
  test.setTimeout(600_000);
  const r = await runSuite(page, 'ops');
  const results: { label: string; part: string; err: number; ok: boolean; message?: string }[] = r.ops;
  const worst = [...results].sort((a, b) => b.err - a.err)[0];
  console.log(`webgpu op suite on ${r.adapter}: ${results.length} comparisons, worst ${worst.label} ${worst.part} ${worst.err}`);
  expect(results.length).toBeGreaterThan(100);
  expect(results.filter((x) => !x.ok).map((x) => `${x.label} ${x.part}: ${x.err} ${x.message ?? ''}`)).toEqual([]);
});

test('training parity: XOR MLP, spirals MLP and small CNN agree for 20 steps', async ({ page }) => {
  test.setTimeout(600_000);
  const r = await runSuite(page, 'training');
  for (const t of r.training) console.log(`${t.model}: max loss difference ${t.err}`);
  expect(r.training.map((t: any) => t.model)).toEqual(['xor mlp', 'spirals mlp', 'small cnn']);
  expect(r.training.filter((t: any) => !t.ok).map((t: any) => `${t.model}: ${t.err} ${t.message ?? ''}`)).toEqual([]);
});

test('a device destroyed mid-run: the run loop goes on on the cpu from the last weights', async ({ page }) => {
  test.setTimeout(600_000);
  const r = await runSuite(page, 'loss');
  console.log('after the loss:', JSON.stringify(r.backendMessages), 'last', r.lastLoss);
  expect(r.problems).toEqual([]);
});
