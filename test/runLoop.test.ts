import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cpuBackend } from '../src/engine/backends/cpu';
import type { Experiment } from '../src/engine/worker/experiment';
import type { FromWorker } from '../src/engine/worker/protocol';
import { RunLoop } from '../src/engine/worker/runLoop';

/**
 * Time is fake: setTimeout runs on Vitest's fake timers, and performance.now()
 * is a clock that only the experiment moves, STEP_MS per step. So a slice
 * holds exactly SLICE_MS / STEP_MS steps whatever the machine's load.
 */
const STEP_MS = 0.5;
let now = 0;

/** A counter experiment: each step adds 1 and costs STEP_MS; `blowUpAt` makes its metric infinite from that step on. */
function counter(blowUpAt = Infinity): { exp: Experiment; steps: () => number } {
  let n = 0;
  return {
    steps: () => n,
    exp: {
      step: () => {
        n++;
        now += STEP_MS;
      },
      metrics: () => ({ value: n >= blowUpAt ? Infinity : n }),
    },
  };
}

function harness(blowUpAt?: number) {
  const sent: FromWorker[] = [];
  let made = counter(blowUpAt);
  const loop = new RunLoop(
    {
      count: () => {
        made = counter(blowUpAt);
        return made.exp;
      },
    },
    { postMessage: (m) => sent.push(m) },
    async () => ({ backend: cpuBackend }),
  );
  const metrics = () => sent.filter((m): m is Extract<FromWorker, { type: 'metrics' }> => m.type === 'metrics');
  return { loop, sent, metrics, steps: () => made.steps() };
}

/** Runs the loop's pending timer (one slice of steps) and waits for the slice to finish and schedule the next. */
async function slice(): Promise<void> {
  await vi.advanceTimersToNextTimerAsync();
  for (let i = 0; i < 100 && vi.getTimerCount() === 0; i++) await Promise.resolve();
}

/** Plays slices until the fake clock has moved `ms`. */
async function playFor(ms: number): Promise<void> {
  const end = now + ms;
  while (now < end && vi.getTimerCount() > 0) await slice();
}

beforeEach(() => {
  now = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the run loop', () => {
  it('posts ready and step-0 metrics on init, and after pause the last metrics are where training stopped', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'count', params: {}, backend: 'cpu' });
    expect(h.sent[0]).toMatchObject({ type: 'ready', backend: 'cpu' });
    expect(h.metrics()[0].step).toBe(0);
    await h.loop.handle({ type: 'play', runId: 1 });
    await playFor(150);
    // mid-slice posts lag behind the steps; pause must post where training stopped
    await h.loop.handle({ type: 'pause', runId: 1 });
    const last = h.metrics().at(-1)!;
    expect(h.steps()).toBeGreaterThanOrEqual(150 / STEP_MS);
    expect(last.step).toBe(h.steps());
    expect(last.values.value).toBe(h.steps());
    // paused: no timer left, nothing more runs or posts
    expect(vi.getTimerCount()).toBe(0);
    const posted = h.sent.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.sent.length).toBe(posted);
    expect(h.metrics().at(-1)!.step).toBe(h.steps());
  });

  it('posts at most about 30 metrics messages a second while playing flat out', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'count', params: {}, backend: 'cpu' });
    const before = h.metrics().length;
    await h.loop.handle({ type: 'play', runId: 1 });
    await playFor(1000);
    const posts = h.metrics().length - before;
    await h.loop.handle({ type: 'pause', runId: 1 });
    // one post per 33 ms at most: 30 in a second (31 counting the first slice)
    expect(posts).toBeLessThanOrEqual(31);
    expect(posts).toBeGreaterThanOrEqual(20);
    // whole slices of 12 ms = 24 steps: the second ends inside the last slice
    expect(h.steps()).toBeGreaterThanOrEqual(1000 / STEP_MS);
    expect(h.steps()).toBeLessThan(1000 / STEP_MS + 12 / STEP_MS);
  });

  it('ignores commands of a stale run and steps one at a time', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 2, lesson: 'count', params: {}, backend: 'cpu' });
    await h.loop.handle({ type: 'play', runId: 1 });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(h.steps()).toBe(0);
    await h.loop.handle({ type: 'step', runId: 2 });
    await h.loop.handle({ type: 'step', runId: 2 });
    expect(h.steps()).toBe(2);
    expect(h.metrics().at(-1)!.step).toBe(2);
  });

  it('stops with a plain message when a metric stops being finite', async () => {
    const h = harness(5);
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'count', params: {}, backend: 'cpu' });
    for (let i = 0; i < 6; i++) await h.loop.handle({ type: 'step', runId: 1 });
    const diverged = h.sent.find((m) => m.type === 'diverged');
    expect(diverged && 'message' in diverged ? diverged.message : '').toMatch(/diverged at step 5.*value/);
  });

  it('reports an unknown lesson as an error instead of throwing', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'nope', params: {}, backend: 'cpu' });
    expect(h.sent.find((m) => m.type === 'error')).toMatchObject({ message: expect.stringMatching(/nope/) });
  });
});

describe('the run loop and claims marks', () => {
  it('posts the metrics of every marked step exactly, between its throttled posts', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'count', params: {}, backend: 'cpu' });
    await h.loop.handle({ type: 'marks', runId: 1, steps: [7, 301, 1003] });
    await h.loop.handle({ type: 'play', runId: 1 });
    await playFor(1000);
    await h.loop.handle({ type: 'pause', runId: 1 });
    for (const mark of [7, 301, 1003]) {
      const m = h.metrics().find((x) => x.step === mark);
      expect(m, `step ${mark}`).toBeDefined();
      expect(m!.values.value).toBe(mark);
    }
  });

  it('without marks, an odd step such as 301 is (almost surely) not posted: the marks are what posts it', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'count', params: {}, backend: 'cpu' });
    await h.loop.handle({ type: 'play', runId: 1 });
    await playFor(1000);
    await h.loop.handle({ type: 'pause', runId: 1 });
    // slices of 24 steps, posts every 33 ms (66 steps): step 7 and 1003 fall between posts
    expect(h.metrics().some((x) => x.step === 7 || x.step === 1003)).toBe(false);
  });
});

describe('a trial', () => {
  it('runs another run headless to its marks and answers once with the metrics there', async () => {
    vi.useRealTimers();
    const h = harness();
    await h.loop.handle({ type: 'trial', runId: 77, lesson: 'count', params: {}, marks: [5, 40], maxSteps: 100 });
    const done = h.sent.find((m) => m.type === 'trialDone');
    expect(done).toMatchObject({ type: 'trialDone', runId: 77, steps: 40, results: { '5': { value: 5, step: 5 }, '40': { value: 40, step: 40 } } });
  });
});
