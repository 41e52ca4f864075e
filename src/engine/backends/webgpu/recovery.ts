/**
 * Recovery from a lost device: host snapshots of the live buffers (taken at
 * each metrics post) and the move of every live tensor to the cpu from them.
 */
import { cpuBackend } from '../cpu';
import type { GpuStorage } from './pool';

const fresh = (s: GpuStorage) => s.shadowVersion === s.version && s.shadowAllocation === s.allocation;

/** Records a host copy of values just written (the upload doubles as a snapshot). */
export function shadowWrite(s: GpuStorage, values: Float32Array): void {
  if (!s.shadow || s.shadow.length !== values.length) s.shadow = new Float32Array(values.length);
  s.shadow.set(values);
  s.shadowVersion = s.version;
  s.shadowAllocation = s.allocation;
}

/** Snapshots every live buffer changed since its last snapshot (the reads share one readback). */
export function checkpoint(live: Iterable<GpuStorage>, read: (s: GpuStorage) => Promise<Float32Array>): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const s of live) {
    if (fresh(s) || s.size === 0) continue;
    const version = s.version;
    const allocation = s.allocation;
    jobs.push(
      read(s).then((v) => {
        if (s.allocation !== allocation) return; // released and reused meanwhile
        if (!s.shadow || s.shadow.length !== v.length) s.shadow = v;
        else s.shadow.set(v);
        s.shadowVersion = version;
        s.shadowAllocation = allocation;
      }),
    );
  }
  return Promise.all(jobs).then(() => undefined);
}

/** Bytes a checkpoint() would read now. */
export function checkpointBytes(live: Iterable<GpuStorage>): number {
  let n = 0;
  for (const s of live) if (!fresh(s)) n += s.size * 4;
  return n;
}

/**
 * Gives every live tensor cpu storage holding its last snapshot (relocate()).
 * Returns how many moved, how many had no snapshot (those start from zeros),
 * and how many buffers had no live owner.
 */
export function moveToCpu(live: Iterable<GpuStorage>): { moved: number; stale: number; orphans: number } {
  let moved = 0;
  let stale = 0;
  let orphans = 0;
  for (const s of live) {
    const t = s.owner;
    if (!t || t.disposed || t.storage !== s) {
      orphans++;
      continue;
    }
    const host = cpuBackend.alloc(t.size) as Float32Array;
    // a tensor made after the last snapshot has none: it starts from zeros (the next step overwrites it)
    if (s.shadow && s.shadow.length === t.size && s.shadowAllocation === s.allocation) host.set(s.shadow);
    else {
      host.fill(0);
      stale++;
    }
    t.relocate(cpuBackend, host);
    moved++;
  }
  return { moved, stale, orphans };
}
