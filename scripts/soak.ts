/**
 * Soak: plays every lesson at full speed for N minutes each in Chromium and
 * reports, per minute, page and worker heap after a GC, DOM nodes, steps per
 * second and the main thread's busy fraction. Fails (exit 1) when a heap
 * grows more than 20% from minute 1, or DOM nodes more than 10%.
 *   npm run soak -- --minutes 10 [--lessons xor,lstm] [--dist dist] [--port 4299]
 * Needs a build (npm run build); serves dist with vite preview on port 4299.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const MINUTES = Number(arg('minutes', '1'));
const PORT = Number(arg('port', '4299'));
// A copy of the build to serve, so a test run may rebuild dist during a long soak.
const DIST = arg('dist', 'dist');
const LESSONS = arg('lessons', readdirSync('src/lessons').filter((d) => existsSync(`src/lessons/${d}/meta.ts`)).join(',')).split(',');

type Sample = { minute: number; pageHeapMB: number; workerHeapMB: number; domNodes: number; stepsPerSec: number; busy: number };

/** Commands to the lesson's worker over the browser's CDP session (Playwright has no worker sessions). */
async function workerChannel(browser: Browser): Promise<(method: string, params?: object) => Promise<Record<string, unknown>>> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
  const w = targetInfos.find((t) => t.type === 'worker');
  if (!w) throw new Error('no worker target');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: w.targetId, flatten: false })) as { sessionId: string };
  let id = 0;
  const waiting = new Map<number, (r: Record<string, unknown>) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown> };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? {});
  });
  return (method, params = {}) =>
    new Promise((resolve) => {
      const mid = ++id;
      waiting.set(mid, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mid, method, params }) });
    });
}

async function sample(page: Page, cdp: CDPSession, worker: Awaited<ReturnType<typeof workerChannel>>) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const { nodes } = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
  await worker('HeapProfiler.collectGarbage');
  const wh = (await worker('Runtime.getHeapUsage')) as { usedSize?: number };
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const task = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const step = Number(await page.locator('[data-metric="step"]').first().textContent());
  return { pageHeap: usedSize, workerHeap: wh.usedSize ?? NaN, nodes, task, step, at: performance.now() };
}

async function soakLesson(browser: Browser, id: string): Promise<{ id: string; samples: Sample[]; ok: boolean; why: string[] }> {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/lesson/${id}?backend=cpu`);
  await page.locator('[data-metric="step"]').first().waitFor();
  await page.getByLabel('Speed').selectOption('0');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const worker = await workerChannel(browser);
  const samples: Sample[] = [];
  let prev = await sample(page, cdp, worker);
  for (let minute = 1; minute <= MINUTES; minute++) {
    const end = Date.now() + 60_000;
    // steps of runs that finished and were reset this minute (the step readout starts again from 0)
    let carried = 0;
    while (Date.now() < end) {
      // a finished run (a fixed-length race, early stopping) starts again, so training never idles
      const play = page.getByRole('button', { name: 'Play', exact: true });
      if (await play.isDisabled()) {
        carried += Number(await page.locator('[data-metric="step"]').first().textContent()) || 0;
        await page.getByRole('button', { name: 'Reset', exact: true }).click();
      }
      if ((await play.getAttribute('aria-pressed')) !== 'true' && (await play.isEnabled())) await play.click();
      await page.waitForTimeout(2_000);
    }
    const now = await sample(page, cdp, worker);
    const dt = (now.at - prev.at) / 1000;
    samples.push({
      minute,
      pageHeapMB: now.pageHeap / 2 ** 20,
      workerHeapMB: now.workerHeap / 2 ** 20,
      domNodes: now.nodes,
      stepsPerSec: Math.max(0, carried + now.step - prev.step) / dt,
      busy: (now.task - prev.task) / dt,
    });
    prev = now;
    console.log(id, JSON.stringify(samples.at(-1)));
  }
  await page.close();
  const first = samples[0];
  const last = samples.at(-1)!;
  const why: string[] = [];
  const grow = (a: number, b: number) => (b - a) / a;
  if (samples.length > 1) {
    if (grow(first.pageHeapMB, last.pageHeapMB) > 0.2) why.push(`page heap ${first.pageHeapMB.toFixed(1)} -> ${last.pageHeapMB.toFixed(1)} MB`);
    if (grow(first.workerHeapMB, last.workerHeapMB) > 0.2) why.push(`worker heap ${first.workerHeapMB.toFixed(1)} -> ${last.workerHeapMB.toFixed(1)} MB`);
    if (grow(first.domNodes, last.domNodes) > 0.1) why.push(`DOM nodes ${first.domNodes} -> ${last.domNodes}`);
  }
  return { id, samples, ok: why.length === 0, why };
}

async function main(): Promise<void> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1', '--outDir', DIST], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 3000));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const results = [];
  try {
    for (const id of LESSONS) results.push(await soakLesson(browser, id));
  } finally {
    await browser.close();
    server.kill();
  }
  console.log(`\n| lesson | page heap MB (min 1 -> ${MINUTES}) | worker heap MB | DOM nodes | steps/s (last min) | main thread busy | verdict |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const a = r.samples[0];
    const b = r.samples.at(-1)!;
    console.log(
      `| ${r.id} | ${a.pageHeapMB.toFixed(1)} -> ${b.pageHeapMB.toFixed(1)} | ${a.workerHeapMB.toFixed(1)} -> ${b.workerHeapMB.toFixed(1)} | ${a.domNodes} -> ${b.domNodes} | ${b.stepsPerSec.toFixed(0)} | ${(100 * b.busy).toFixed(0)}% | ${r.ok ? 'ok' : r.why.join('; ')} |`,
    );
  }
  if (results.some((r) => !r.ok)) process.exit(1);
}

void main();
