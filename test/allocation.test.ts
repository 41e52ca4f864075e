import { describe, expect, it } from 'vitest';
import { cpuPoolStats } from '../src/engine/backends/cpu';
import { XorRun } from '../src/lessons/xor/experiment';
import { params as xorParams } from '../src/lessons/xor/meta';
import { parseParams } from '../src/ui/params';
const readParams = (raw: Record<string, unknown>) => parseParams(xorParams, raw);
import { xorData } from '../src/lessons/xor/model';

describe('the hot training loop', () => {
  it('allocates no typed arrays once warm: every buffer comes from the pool', () => {
    const data = xorData();
    const run = new XorRun(readParams({ hidden: 8, activation: 'relu' }), 3, data);
    for (let i = 0; i < 5; i++) run.step(); // warm the pool and the index-map caches
    const before = cpuPoolStats().created;
    for (let i = 0; i < 500; i++) run.step();
    expect(cpuPoolStats().created).toBe(before);
    run.dispose();
  });
});
