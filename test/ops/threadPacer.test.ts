import { describe, expect, it } from 'vitest';
import { ThreadPacer } from '../../src/engine/wasm/threadPacer';

// The rule that pauses the gemm threads while helpers lag (a busy machine): strikes, pauses that
// double while the lag lasts, and back to splitting after a product that went well.
describe('ThreadPacer', () => {
  const runPause = (p: ThreadPacer) => {
    let n = 0;
    while (!p.useThreads()) n++;
    return n;
  };
  it('keeps splitting while the helpers finish within the caller\'s own time (or within a wake-up)', () => {
    const p = new ThreadPacer();
    for (let i = 0; i < 100; i++) {
      expect(p.useThreads()).toBe(true);
      p.record(0.3, i % 2 ? 0.29 : 0.15); // quick helpers; a 0.15 ms wait on a 0.3 ms share is fine
      p.record(0.01, 0.1); // a small product: a 0.1 ms wake-up is not lag
    }
    expect(p.skipped).toBe(0);
  });
  it('two lagging products in a row pause the split; the pause doubles while the lag lasts and resets after a good product', () => {
    const p = new ThreadPacer();
    p.record(0.3, 1.5);
    expect(p.useThreads()).toBe(true); // one strike is not enough
    p.record(0.3, 0.1); // a good one clears it
    p.record(0.3, 1.5);
    expect(p.useThreads()).toBe(true);
    p.record(0.3, 1.5);
    expect(runPause(p)).toBe(32);
    p.record(0.3, 2);
    p.record(0.3, 2);
    expect(runPause(p)).toBe(64);
    p.record(0.3, 0.2); // the machine is quiet again
    p.record(0.3, 2);
    p.record(0.3, 2);
    expect(runPause(p)).toBe(32);
    expect(p.skipped).toBe(128);
  });
  it('the pause stops growing at 2,048 products', () => {
    const p = new ThreadPacer();
    let last = 0;
    for (let i = 0; i < 12; i++) {
      p.record(0.3, 5);
      p.record(0.3, 5);
      last = runPause(p);
    }
    expect(last).toBe(2048);
  });
});
