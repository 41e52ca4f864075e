import os from 'node:os';
import { test as base, expect, type Page } from '@playwright/test';

/** A page that records console errors and uncaught exceptions; tests assert there are none. */
export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await use(errors);
  },
});
export { expect };

/** The current value of a data-metric readout, as a number (NaN while empty). */
export async function metric(page: Page, name: string): Promise<number> {
  const t = await page.locator(`[data-metric="${name}"]`).first().textContent();
  return t === null || t === '' ? NaN : Number(t);
}

/**
 * Waits until a metric satisfies a predicate. It reads the readout every 250 ms
 * (after a quicker start): expect.poll's default backs off to once a second,
 * which left most waits up to a second past the moment the value was there.
 */
export async function waitForMetric(page: Page, name: string, ok: (v: number) => boolean, timeout = 45_000): Promise<number> {
  let last = NaN;
  await expect
    .poll(async () => {
      last = await metric(page, name);
      return ok(last);
    }, { timeout, intervals: [50, 100, 250], message: `metric ${name} (last ${last})` })
    .toBe(true);
  return last;
}

type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };

/**
 * Watches the main thread while `during` runs: the page's own 'longtask'
 * entries (wall time) and, from a Chrome trace, each main-thread task's CPU
 * time. Returns both; see expectNoLongTasks for how they are judged.
 */
/**
 * A measurement window for watchMainThread: `ms` of wall time, then on until
 * the page has drawn `frames` more animation frames (a starved renderer on a
 * loaded machine draws few in 5 s, and a trace of a handful of tasks proves nothing).
 */
export async function measureWindow(page: Page, ms = 5_000, frames = 30): Promise<void> {
  await page.waitForTimeout(ms); // a measurement window, not a wait for state
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let k = 0;
        const tick = () => (++k >= n ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    frames,
  );
}

export async function watchMainThread(page: Page, during: () => Promise<void>): Promise<{ longTasks: number[]; taskCpuMs: number[] }> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  const longTasks = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.some((m) => m.pid === e.pid && m.tid === e.tid));
  const taskCpuMs = tasks.map((t) => Math.round((t.tdur ?? t.dur ?? 0) / 1000)).sort((a, b) => b - a);
  return { longTasks, taskCpuMs };
}

/**
 * No main-thread task may do 50 ms of work. On a machine with a core to spare
 * the page must also see no 'longtask' at all; on an oversubscribed one (load
 * above the core count) a 10 ms task that waits for the scheduler shows up as
 * "long" in wall time, so there only the CPU time is held to the bar.
 */
export function expectNoLongTasks({ longTasks, taskCpuMs }: { longTasks: number[]; taskCpuMs: number[] }): void {
  // scripts/e2e.mjs runs @smooth tests alone, after the parallel pass: an untagged one would be measured beside another page
  expect(test.info().tags, 'a main-thread smoothness check must be tagged @smooth').toContain('@smooth');
  expect(taskCpuMs.length, 'main-thread tasks seen in the trace').toBeGreaterThan(20);
  expect(taskCpuMs[0], `main-thread task CPU times (ms): ${taskCpuMs.slice(0, 10).join(', ')}`).toBeLessThan(50);
  const busy = os.loadavg()[0] > os.cpus().length;
  if (!busy) expect(longTasks, `long tasks (ms): ${longTasks.join(', ')}`).toEqual([]);
}
