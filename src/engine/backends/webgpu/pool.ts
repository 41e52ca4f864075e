/**
 * The buffer pool: f32 storage buffers reused by size, the set of live ones
 * (what a device loss must carry over to the cpu), and a cap on free memory.
 */
import type { Tensor } from '../../tensor';
import type { GpuStats } from './stats';

/** One pooled buffer plus the host snapshot used to carry it over to the cpu after a device loss. */
export interface GpuStorage {
  buffer: GPUBuffer;
  /** Identity for the bind-group cache. */
  id: number;
  size: number;
  /** The tensor last seen holding it (set by exec, copy and read). */
  owner: Tensor | null;
  /** Bumped on every write to the buffer. */
  version: number;
  /** Host copy of the values as of `shadowVersion` (from write() or the last checkpoint). */
  shadow: Float32Array | null;
  shadowVersion: number;
  /** Bumped by every alloc(): a shadow taken under another allocation belongs to another tensor. */
  allocation: number;
  shadowAllocation: number;
}

/** Free pooled memory above this is given back to the driver (old shapes after a rebuild, say). */
const POOL_FREE_CAP_BYTES = 256 * 1024 * 1024;
const USAGE_STORAGE = 0x80 | 0x04 | 0x08; // STORAGE | COPY_SRC | COPY_DST

export class BufferPool {
  /** Buffers handed out and not yet released. */
  readonly live = new Set<GpuStorage>();
  private readonly free = new Map<number, GpuStorage[]>();
  private nextId = 1;
  private freeBytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly stats: GpuStats,
    /** Called before free buffers are destroyed: work already encoded may still use them. */
    private readonly beforeTrim: () => void,
    /** Called after a trim (the bind groups of destroyed buffers must go too). */
    private readonly afterTrim: () => void,
  ) {}

  alloc(size: number): GpuStorage {
    const key = Math.max(1, size);
    let s = this.free.get(key)?.pop();
    if (s) this.freeBytes -= key * 4;
    else {
      const buffer = this.device.createBuffer({ size: key * 4, usage: USAGE_STORAGE });
      this.stats.buffersCreated++;
      s = { buffer, id: this.nextId++, size, owner: null, version: 0, shadow: null, shadowVersion: -1, allocation: 0, shadowAllocation: -1 };
    }
    s.size = size;
    s.owner = null;
    s.version++;
    s.allocation++;
    this.live.add(s);
    return s;
  }

  release(s: GpuStorage): void {
    if (!this.live.delete(s)) return;
    s.owner = null;
    const key = Math.max(1, s.size);
    let list = this.free.get(key);
    if (!list) this.free.set(key, (list = []));
    list.push(s);
    this.freeBytes += key * 4;
    if (this.freeBytes > POOL_FREE_CAP_BYTES) this.trim();
  }

  /** Destroys every free buffer; live tensors are untouched. */
  private trim(): void {
    this.beforeTrim(); // submitted work keeps its buffers alive
    for (const list of this.free.values()) for (const s of list) s.buffer.destroy();
    this.free.clear();
    this.freeBytes = 0;
    this.afterTrim();
  }
}
