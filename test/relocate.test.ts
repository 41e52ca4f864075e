import { describe, expect, it } from 'vitest';
import * as E from '../src/engine';
import type { Backend } from '../src/engine/backend';

// The device-loss fallback moves live tensors to the cpu through relocate();
// `backend` itself cannot be reassigned (test/webgpu/fallback.test.ts runs the real loss on Dawn).
describe('Tensor.relocate', () => {
  it('gives a tensor new storage on another backend; ops then run there', () => {
    const ran: string[] = [];
    const other: Backend = { ...E.cpuBackend, exec: (op, ins, out, attrs) => (ran.push(op.name), E.cpuBackend.exec(op, ins, out, attrs)) };
    const t = E.keep(E.tensor([1, 2, 3], [3]));
    const host = other.alloc(3) as Float32Array;
    host.set([4, 5, 6]);
    t.relocate(other, host);
    expect(t.backend).toBe(other);
    expect(Array.from(t.values)).toEqual([4, 5, 6]);
    E.setBackend(other);
    try {
      E.tidy(() => expect(Array.from(E.mul(t, 2).values)).toEqual([8, 10, 12]));
    } finally {
      E.setBackend(E.cpuBackend);
    }
    expect(ran).toContain('mul');
    t.dispose();
    expect(() => t.relocate(E.cpuBackend, host)).toThrow(/it was disposed/);
  });
  it('backend has no setter', () => {
    const t = E.tensor([1], [1]);
    expect(() => ((t as { backend: Backend }).backend = E.cpuBackend)).toThrow(TypeError);
    t.dispose();
  });
});
