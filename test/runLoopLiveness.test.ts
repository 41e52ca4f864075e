/**
 * The run loop's side of issue 17: a non-finite number never leaves the
 * worker, and a liveness ping is answered at once even while a slow step
 * holds the command queue.
 */
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../src/engine/backends/cpu';
import type { Experiment } from '../src/engine/worker/experiment';
import type { FromWorker } from '../src/engine/worker/protocol';
import { RunLoop } from '../src/engine/worker/runLoop';

function loopWith(make: () => Experiment) {
  const sent: FromWorker[] = [];
  const loop = new RunLoop({ x: make }, { postMessage: (m) => sent.push(m) }, async () => ({ backend: cpuBackend }));
  return { loop, sent };
}

describe('run loop: non-finite values and liveness', () => {
  it('a diverging run posts only finite metrics, no frame of the bad step, then the diverged message naming the step', async () => {
    let n = 0;
    const { loop, sent } = loopWith(() => ({
      step: () => void n++,
      metrics: () => ({ loss: n >= 3 ? NaN : 1 / (n + 1), acc: n >= 3 ? Infinity : 0.5 }),
      frame: () => ({ curve: Float32Array.of(n >= 3 ? NaN : n) }),
    }));
    await loop.handle({ type: 'init', runId: 1, lesson: 'x', params: {}, backend: 'cpu' });
    for (let i = 0; i < 3; i++) await loop.handle({ type: "step", runId: 1 });
    for (const m of sent) {
      if (m.type === 'metrics') for (const v of Object.values(m.values)) expect(Number.isFinite(v)).toBe(true);
      if (m.type === 'frame') for (const v of m.data.curve) expect(Number.isFinite(v)).toBe(true);
    }
    const frames = sent.filter((m) => m.type === 'frame');
    expect(frames.at(-1)!.step).toBe(2);
    const div = sent.find((m) => m.type === 'diverged');
    expect(div && 'message' in div ? div.message : '').toMatch(/step 3.*Lower the learning rate/);
    // the last metrics message of the bad step still carries the step, so the readout shows where it stopped
    expect(sent.filter((m) => m.type === 'metrics').at(-1)).toMatchObject({ step: 3, values: { step: 3 } });
  });

  it('answers a ping at once, even while a slow step holds the queue', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { loop, sent } = loopWith(() => ({ step: () => gate, metrics: () => ({ loss: 1 }) }));
    await loop.handle({ type: 'init', runId: 1, lesson: 'x', params: {}, backend: 'cpu' });
    const stepping = loop.handle({ type: 'step', runId: 1 });
    await loop.handle({ type: 'ping', runId: 1, nonce: 7 });
    expect(sent.at(-1)).toEqual({ type: 'pong', runId: 1, nonce: 7 });
    release();
    await stepping;
  });
});
