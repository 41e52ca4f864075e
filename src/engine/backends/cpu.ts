import type { Backend } from '../backend';
import type { OpDef } from '../op';
import type { Tensor } from '../tensor';

/** Free Float32Arrays by length: a training step in steady state allocates none. */
const pool = new Map<number, Float32Array[]>();
/** Typed arrays created since start-up (tests check that training steps stop adding to it). */
let created = 0;

/** The cpu backend: Float32Array storage and the kernels each op module carries. */
export const cpuBackend: Backend = {
  name: 'cpu',
  alloc(size: number): Float32Array {
    const free = pool.get(size);
    const reused = free && free.pop();
    if (reused) return reused;
    created++;
    return new Float32Array(size);
  },
  release(storage: unknown, size: number): void {
    let free = pool.get(size);
    if (!free) pool.set(size, (free = []));
    free.push(storage as Float32Array);
  },
  write(storage: unknown, values: Float32Array): void {
    (storage as Float32Array).set(values);
  },
  exec(op: OpDef<any>, inputs: readonly Tensor[], out: Tensor, attrs: any): void {
    op.cpu(inputs, out, attrs);
  },
  copy(src: Tensor, dst: Tensor): void {
    (dst.storage as Float32Array).set(src.storage as Float32Array);
  },
  readSync(t: Tensor): Float32Array {
    return t.storage as Float32Array;
  },
  async read(t: Tensor): Promise<Float32Array> {
    return (t.storage as Float32Array).slice();
  },
};

/** How many buffers the pool holds, and how many typed arrays were ever created. */
export function cpuPoolStats(): { buffers: number; created: number } {
  let n = 0;
  for (const v of pool.values()) n += v.length;
  return { buffers: n, created };
}
