import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../src/engine/backends/cpu';
import type { Experiment } from '../src/engine/worker/experiment';
import type { FromWorker } from '../src/engine/worker/protocol';
import { RunLoop } from '../src/engine/worker/runLoop';

/** A counter experiment: each step adds 1; `blowUpAt` makes its metric infinite from that step on. */
function counter(blowUpAt = Infinity): { exp: Experiment; steps: () => number } {
  let n = 0;
  return {
    steps: () => n,
    exp: {
      step: () => {
        n++;
        // a little work per step so a slice holds many steps
        let x = 0;
        for (let i = 0; i < 2000; i++) x += Math.sqrt(i);
        if (x < 0) n = -1;
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the run loop', () => {
  it('posts ready and step-0 metrics on init, and after pause the last metrics are where training stopped', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'count', params: {}, backend: 'cpu' });
    expect(h.sent[0]).toMatchObject({ type: 'ready', backend: 'cpu' });
    expect(h.metrics()[0].step).toBe(0);
    await h.loop.handle({ type: 'play', runId: 1 });
    await sleep(150);
    await h.loop.handle({ type: 'pause', runId: 1 });
    const last = h.metrics().at(-1)!;
    expect(h.steps()).toBeGreaterThan(10);
    expect(last.step).toBe(h.steps());
    expect(last.values.value).toBe(h.steps());
    await sleep(100);
    expect(h.metrics().at(-1)!.step).toBe(h.steps());
  });

  it('posts at most about 30 metrics messages a second while playing flat out', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 1, lesson: 'count', params: {}, backend: 'cpu' });
    await h.loop.handle({ type: 'play', runId: 1 });
    await sleep(1000);
    await h.loop.handle({ type: 'pause', runId: 1 });
    expect(h.metrics().length).toBeLessThanOrEqual(40);
    expect(h.steps()).toBeGreaterThan(h.metrics().length);
  });

  it('ignores commands of a stale run and steps one at a time', async () => {
    const h = harness();
    await h.loop.handle({ type: 'init', runId: 2, lesson: 'count', params: {}, backend: 'cpu' });
    await h.loop.handle({ type: 'play', runId: 1 });
    await sleep(50);
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
