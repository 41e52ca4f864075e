import { describe, expect, it } from 'vitest';
import * as E from '../src/engine';
import type { Backend } from '../src/engine/backend';

// The device-loss fallback moves live tensors to the cpu through relocate();
// `backend` itself cannot be reassigned (test/webgpu/fallback.test.ts runs the real loss on Dawn).
describe('Tensor.relocate', () => {
  it('gives a tensor new storage on another backend; ops then run there, and only there', () => {
    // a second backend (cpu storage under another name) that logs the tensors its kernels get
    const seen: { op: string; from: Backend[] }[] = [];
    const other: Backend = {
      ...E.cpuBackend,
      name: 'webgpu',
      exec: (op, ins, out, attrs) => (seen.push({ op: op.name, from: ins.map((t) => t.backend) }), E.cpuBackend.exec(op, ins, out, attrs)),
    };
    const t = E.keep(E.tensor([1, 2, 3], [3]));
    const host = other.alloc(3) as Float32Array;
    host.set([4, 5, 6]);
    t.relocate(other, host);
    expect(t.backend).toBe(other);
    expect(t.storage).toBe(host);
    expect(Array.from(t.values)).toEqual([4, 5, 6]);
    // the cpu no longer takes it: a storage swap that left the tensor on the cpu would let this run
    expect(() => E.mul(t, 2)).toThrow(/lives on the webgpu backend, but the active backend is cpu/);
    E.setBackend(other);
    try {
      // a storage swap that left the tensor on the cpu would throw here instead
      E.tidy(() => expect(Array.from(E.mul(t, 2).values)).toEqual([8, 10, 12]));
    } finally {
      E.setBackend(E.cpuBackend);
    }
    expect(seen).toEqual([{ op: 'mul', from: [other, other] }]);
    t.dispose();
    expect(() => t.relocate(E.cpuBackend, host)).toThrow(/it was disposed/);
  });
  it('backend has no setter', () => {
    const t = E.tensor([1], [1]);
    expect(() => ((t as { backend: Backend }).backend = E.cpuBackend)).toThrow(TypeError);
    t.dispose();
  });
});
