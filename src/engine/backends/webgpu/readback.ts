/**
 * Reads back to the host. A read encodes its copy into a staging buffer at
 * once (so later in-place updates cannot change what is read); every read
 * issued in the same turn of the event loop shares one submit and one map.
 */
import { GpuDeviceLostError, type DeviceHealth } from './device';
import type { GpuStorage } from './pool';
import type { GpuStats } from './stats';

const STAGING_MIN_BYTES = 1 << 16;
const USAGE_READBACK = 0x01 | 0x08; // MAP_READ | COPY_DST
const MAP_READ = 0x01;

interface Staging {
  buffer: GPUBuffer;
  bytes: number;
  used: number;
}
interface ReadRequest {
  chunk: Staging;
  offset: number;
  size: number;
  resolve: (v: Float32Array) => void;
  reject: (e: unknown) => void;
}

/** What the reader needs from the backend: encoding a copy in order, and submitting. */
export interface ReadHost {
  copyToStaging(src: GPUBuffer, dst: GPUBuffer, offset: number, bytes: number): void;
  flush(): void;
}

export class Readback {
  private readonly stagingFree: Staging[] = [];
  private staging: Staging | null = null;
  private batchChunks: Staging[] = [];
  private requests: ReadRequest[] = [];
  private scheduled = false;

  constructor(
    private readonly device: GPUDevice,
    private readonly health: DeviceHealth,
    private readonly stats: GpuStats,
    private readonly host: ReadHost,
  ) {}

  /** A host copy of storage `s`, resolved with the others of this turn. */
  read(s: GpuStorage): Promise<Float32Array> {
    const n = s.size;
    if (n === 0) return Promise.resolve(new Float32Array(0));
    const bytes = n * 4;
    let chunk = this.staging;
    if (!chunk || chunk.used + bytes > chunk.bytes) {
      chunk = this.takeStaging(bytes);
      this.staging = chunk;
      this.batchChunks.push(chunk);
    }
    const offset = chunk.used;
    this.host.copyToStaging(s.buffer, chunk.buffer, offset, bytes);
    chunk.used += bytes;
    const promise = new Promise<Float32Array>((resolve, reject) => this.requests.push({ chunk: chunk!, offset, size: n, resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => void this.flushReads());
    }
    return promise;
  }

  /** Rejects every pending read (the device is gone). */
  rejectAll(err: GpuDeviceLostError): void {
    for (const r of this.requests) r.reject(err);
    this.requests = [];
  }

  private takeStaging(bytes: number): Staging {
    const i = this.stagingFree.findIndex((c) => c.bytes >= bytes);
    if (i >= 0) {
      const c = this.stagingFree.splice(i, 1)[0];
      c.used = 0;
      return c;
    }
    let size = STAGING_MIN_BYTES;
    while (size < bytes) size *= 2;
    this.stats.buffersCreated++;
    return { buffer: this.device.createBuffer({ size, usage: USAGE_READBACK }), bytes: size, used: 0 };
  }

  private async flushReads(): Promise<void> {
    this.scheduled = false;
    const requests = this.requests;
    const chunks = this.batchChunks;
    this.requests = [];
    this.batchChunks = [];
    this.staging = null;
    if (requests.length === 0) return;
    try {
      this.host.flush();
      this.stats.readbacks++;
      // a command buffer that failed validation ran nothing: wait for its verdict before trusting the data
      await Promise.all([...chunks.map((c) => c.buffer.mapAsync(MAP_READ, 0, c.used)), ...this.health.takeChecks()]);
      this.health.check();
      const mapped = new Map(chunks.map((c) => [c, c.buffer.getMappedRange(0, c.used)]));
      for (const r of requests) {
        r.resolve(new Float32Array(mapped.get(r.chunk)!, r.offset, r.size).slice());
        this.stats.bytesRead += r.size * 4;
      }
      for (const c of chunks) {
        c.buffer.unmap();
        this.stagingFree.push(c);
      }
    } catch (e) {
      // a map fails first when the device goes away
      const err = e instanceof GpuDeviceLostError ? e : await this.health.settle(`readback failed: ${e instanceof Error ? e.message : String(e)}`);
      for (const r of requests) r.reject(err);
    }
  }
}
