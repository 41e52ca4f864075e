/**
 * The webgpu backend: f32 storage buffers from a pool, a pipeline cache, and
 * one command encoder that batches every dispatch, buffer copy and upload
 * until a read (or every FLUSH_EVERY dispatches) submits it. Reads issued in
 * the same turn of the event loop share one submit and one map.
 */
import type { Backend } from '../../backend';
import type { OpDef } from '../../op';
import type { Tensor } from '../../tensor';
import { cpuBackend } from '../cpu';
import { webgpuKernels } from './kernels';
import type { GpuKernel, GpuProgram } from './program';

/** Thrown by every call once the device is lost or a pipeline failed. */
export class GpuDeviceLostError extends Error {
  constructor(readonly reason: string) {
    super(`WebGPU device lost: ${reason}`);
    this.name = 'GpuDeviceLostError';
  }
}

/** One pooled buffer plus the host snapshot used to carry it over to the cpu after a device loss. */
interface GpuStorage {
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

export interface GpuStats {
  dispatches: number;
  copies: number;
  submits: number;
  buffersCreated: number;
  pipelinesCreated: number;
  bindGroupsCreated: number;
  /** mapAsync round trips */
  readbacks: number;
  bytesRead: number;
  bytesUploaded: number;
}

/** Dispatches encoded before a submit even without a read. */
const FLUSH_EVERY = 256;
/** Writes larger than this go straight through queue.writeBuffer after a flush. */
const DIRECT_UPLOAD_FLOATS = 1 << 16;
const STAGING_MIN_BYTES = 1 << 16;
const ADAPTER_TIMEOUT_MS = 10_000;
/** Free pooled memory above this is given back to the driver (old shapes after a rebuild, say). */
const POOL_FREE_CAP_BYTES = 256 * 1024 * 1024;

const USAGE_STORAGE = 0x80 | 0x04 | 0x08; // STORAGE | COPY_SRC | COPY_DST
const USAGE_UPLOAD = 0x04 | 0x08; // COPY_SRC | COPY_DST
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

export class WebGpuBackend implements Backend {
  readonly name = 'webgpu' as const;
  readonly stats: GpuStats = { dispatches: 0, copies: 0, submits: 0, buffersCreated: 0, pipelinesCreated: 0, bindGroupsCreated: 0, readbacks: 0, bytesRead: 0, bytesUploaded: 0 };
  /** Why the device can no longer be used (null while it works). */
  lostReason: string | null = null;

  private readonly pool = new Map<number, GpuStorage[]>();
  private readonly live = new Set<GpuStorage>();
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  /** Bind groups by layout and buffers: the pool hands a step the same buffers each time, so they repeat. */
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  private nextStorageId = 1;
  private freeBytes = 0;
  private readonly layouts: { bind: GPUBindGroupLayout; pipe: GPUPipelineLayout }[] = [];
  private enc: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private encoded = 0;
  private upload: GPUBuffer | null = null;
  private uploadHost = new Float32Array(1 << 14);
  private uploadUsed = 0;
  private readonly stagingFree: Staging[] = [];
  private staging: Staging | null = null;
  private batchChunks: Staging[] = [];
  private requests: ReadRequest[] = [];
  private readScheduled = false;
  /** Error scopes around pipeline builds and submits not yet checked: a read waits for them before trusting its data. */
  private errorChecks: Promise<void>[] = [];
  private readonly kernels: Record<string, GpuKernel> = webgpuKernels;

  constructor(readonly device: GPUDevice, readonly adapterInfo = '') {
    void device.lost.then((info) => this.markLost(info.message || info.reason || 'lost'));
    device.addEventListener('uncapturederror', (e) => this.markLost(`GPU error: ${(e as GPUUncapturedErrorEvent).error.message}`));
  }

  get lost(): boolean {
    return this.lostReason !== null;
  }

  /** Marks the backend dead: later calls throw and pending reads reject. */
  markLost(reason: string): void {
    if (this.lostReason !== null) return;
    this.lostReason = reason;
    const err = new GpuDeviceLostError(reason);
    for (const r of this.requests) r.reject(err);
    this.requests = [];
  }

  private check(): void {
    if (this.lostReason !== null) throw new GpuDeviceLostError(this.lostReason);
  }

  alloc(size: number): GpuStorage {
    this.check();
    const key = Math.max(1, size);
    let s = this.pool.get(key)?.pop();
    if (s) this.freeBytes -= key * 4;
    else {
      const buffer = this.device.createBuffer({ size: key * 4, usage: USAGE_STORAGE });
      this.stats.buffersCreated++;
      s = { buffer, id: this.nextStorageId++, size, owner: null, version: 0, shadow: null, shadowVersion: -1, allocation: 0, shadowAllocation: -1 };
    }
    s.size = size;
    s.owner = null;
    s.version++;
    s.allocation++;
    this.live.add(s);
    return s;
  }

  release(storage: unknown): void {
    const s = storage as GpuStorage;
    if (!this.live.delete(s)) return;
    s.owner = null;
    const key = Math.max(1, s.size);
    let free = this.pool.get(key);
    if (!free) this.pool.set(key, (free = []));
    free.push(s);
    this.freeBytes += key * 4;
    if (this.freeBytes > POOL_FREE_CAP_BYTES) this.trimPool();
  }

  /** Destroys every free buffer (their bind groups go with them); live tensors are untouched. */
  private trimPool(): void {
    this.flush(); // work already encoded may still use them: submitted work keeps its buffers alive
    for (const free of this.pool.values()) for (const s of free) s.buffer.destroy();
    this.pool.clear();
    this.bindGroups.clear();
    this.freeBytes = 0;
  }

  write(storage: unknown, values: Float32Array): void {
    this.check();
    const s = storage as GpuStorage;
    const n = values.length;
    s.version++;
    // the host copy doubles as the snapshot a device loss restores from
    if (!s.shadow || s.shadow.length !== n) s.shadow = new Float32Array(n);
    s.shadow.set(values);
    s.shadowVersion = s.version;
    s.shadowAllocation = s.allocation;
    if (n === 0) return;
    this.stats.bytesUploaded += n * 4;
    if (n > DIRECT_UPLOAD_FLOATS) {
      this.flush();
      this.device.queue.writeBuffer(s.buffer, 0, values.buffer, values.byteOffset, n * 4);
      return;
    }
    // staged in a host arena and copied in encoder order, so it lands after the work encoded before it
    if (this.uploadUsed + n > this.uploadHost.length) {
      this.flush();
      if (n > this.uploadHost.length) this.uploadHost = new Float32Array(Math.max(n, this.uploadHost.length * 2));
    }
    if (!this.upload || this.upload.size < this.uploadHost.length * 4) {
      this.upload?.destroy();
      this.upload = this.device.createBuffer({ size: this.uploadHost.length * 4, usage: USAGE_UPLOAD });
      this.stats.buffersCreated++;
    }
    this.uploadHost.set(values, this.uploadUsed);
    this.endPass();
    this.encoder().copyBufferToBuffer(this.upload, this.uploadUsed * 4, s.buffer, 0, n * 4);
    this.uploadUsed += n;
  }

  exec(op: OpDef<any>, inputs: readonly Tensor[], out: Tensor, attrs: any): void {
    this.check();
    const kernel = this.kernels[op.name];
    if (!kernel) throw new Error(`op "${op.name}" has no webgpu kernel`);
    for (const t of inputs) this.own(t);
    const o = this.own(out);
    o.version++;
    if (out.size === 0) return;
    const r = kernel(inputs, out, attrs);
    if (r === 'copy') {
      this.copyBuffer(inputs[0], out);
      return;
    }
    for (const p of Array.isArray(r) ? r : [r]) this.dispatch(p, p.inputs ?? inputs, o);
  }

  copy(src: Tensor, dst: Tensor): void {
    this.check();
    this.own(src);
    this.own(dst).version++;
    this.copyBuffer(src, dst);
  }

  read(t: Tensor): Promise<Float32Array> {
    if (this.lostReason !== null) return Promise.reject(new GpuDeviceLostError(this.lostReason));
    const s = this.own(t);
    return this.readStorage(s);
  }

  /**
   * Snapshots every live buffer changed since the last snapshot to the host
   * (one readback, shared with reads issued in the same turn), so that a lost
   * device can hand the run to the cpu from these values.
   */
  checkpoint(): Promise<void> {
    if (this.lostReason !== null) return Promise.reject(new GpuDeviceLostError(this.lostReason));
    const jobs: Promise<void>[] = [];
    for (const s of this.live) {
      if ((s.shadowVersion === s.version && s.shadowAllocation === s.allocation) || s.size === 0) continue;
      const version = s.version;
      const allocation = s.allocation;
      jobs.push(
        this.readStorage(s).then((v) => {
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
  checkpointBytes(): number {
    let n = 0;
    for (const s of this.live) if (s.shadowVersion !== s.version || s.shadowAllocation !== s.allocation) n += s.size * 4;
    return n;
  }

  /**
   * After a loss: gives every live tensor cpu storage holding its last
   * snapshot and points it at the cpu backend. Returns how many tensors moved
   * and how many had no snapshot (those start from zeros).
   */
  moveTensorsToCpu(): { moved: number; stale: number; orphans: number } {
    let moved = 0;
    let stale = 0;
    let orphans = 0;
    for (const s of this.live) {
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
    this.live.clear();
    return { moved, stale, orphans };
  }

  /** Frees every GPU object; the backend is unusable afterwards. */
  destroy(reason = 'destroyed'): void {
    this.markLost(reason);
    this.device.destroy();
  }

  // --- internals ---

  private own(t: Tensor): GpuStorage {
    const s = t.storage as GpuStorage;
    if (!s || !s.buffer) throw new Error(`tensor ${t.id} (${t.backend.name}) is not a webgpu tensor`);
    s.owner = t;
    return s;
  }

  private encoder(): GPUCommandEncoder {
    if (!this.enc) this.enc = this.device.createCommandEncoder();
    return this.enc;
  }

  private endPass(): void {
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
  }

  private copyBuffer(src: Tensor, dst: Tensor): void {
    if (src.size === 0) return;
    this.endPass();
    this.encoder().copyBufferToBuffer((src.storage as GpuStorage).buffer, 0, (dst.storage as GpuStorage).buffer, 0, src.size * 4);
    this.stats.copies++;
  }

  private layout(nInputs: number): { bind: GPUBindGroupLayout; pipe: GPUPipelineLayout } {
    let l = this.layouts[nInputs];
    if (!l) {
      const entries: GPUBindGroupLayoutEntry[] = [{ binding: 0, visibility: 4, buffer: { type: 'storage' } }];
      for (let k = 1; k <= nInputs; k++) entries.push({ binding: k, visibility: 4, buffer: { type: 'read-only-storage' } });
      const bind = this.device.createBindGroupLayout({ entries });
      l = this.layouts[nInputs] = { bind, pipe: this.device.createPipelineLayout({ bindGroupLayouts: [bind] }) };
    }
    return l;
  }

  private pipeline(p: GpuProgram, nInputs: number): GPUComputePipeline {
    let pipe = this.pipelines.get(p.key);
    if (!pipe) {
      const code = p.code();
      this.device.pushErrorScope('validation');
      const module = this.device.createShaderModule({ code });
      pipe = this.device.createComputePipeline({ layout: this.layout(nInputs).pipe, compute: { module, entryPoint: 'main' } });
      this.watch(`pipeline ${p.key.slice(0, 60)}`);
      this.pipelines.set(p.key, pipe);
      this.stats.pipelinesCreated++;
    }
    return pipe;
  }

  private dispatch(p: GpuProgram, inputs: readonly Tensor[], out: GpuStorage): void {
    const pipe = this.pipeline(p, inputs.length);
    let key = `${out.id}:${out.size}`;
    for (const t of inputs) key += `,${(t.storage as GpuStorage).id}:${t.size}`;
    let group = this.bindGroups.get(key);
    if (!group) {
      const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: out.buffer, size: Math.max(1, out.size) * 4 } }];
      inputs.forEach((t, k) => {
        const s = t.storage as GpuStorage;
        entries.push({ binding: k + 1, resource: { buffer: s.buffer, size: Math.max(1, t.size) * 4 } });
      });
      group = this.device.createBindGroup({ layout: this.layout(inputs.length).bind, entries });
      if (this.bindGroups.size >= 8192) this.bindGroups.clear();
      this.bindGroups.set(key, group);
      this.stats.bindGroupsCreated++;
    }
    if (!this.pass) this.pass = this.encoder().beginComputePass();
    this.pass.setPipeline(pipe);
    this.pass.setBindGroup(0, group);
    this.pass.dispatchWorkgroups(...p.workgroups);
    this.stats.dispatches++;
    if (++this.encoded >= FLUSH_EVERY) this.flush();
  }

  /** Submits everything encoded so far (uploads first). */
  flush(): void {
    this.endPass();
    if (this.uploadUsed > 0 && this.upload) {
      this.device.queue.writeBuffer(this.upload, 0, this.uploadHost.buffer, 0, this.uploadUsed * 4);
      this.uploadUsed = 0;
    }
    if (this.enc) {
      // an invalid command buffer (say, from a failed pipeline) runs nothing: reads must not trust it
      this.device.pushErrorScope('validation');
      this.device.queue.submit([this.enc.finish()]);
      this.watch('submit');
      this.stats.submits++;
      this.enc = null;
    }
    this.encoded = 0;
  }

  /** Pops the error scope pushed just before; an error there marks the backend lost. */
  private watch(what: string): void {
    this.errorChecks.push(
      this.device.popErrorScope().then(
        (err) => {
          if (err) this.markLost(`${what} failed: ${err.message}`);
        },
        () => undefined,
      ),
    );
    if (this.errorChecks.length > 64) this.errorChecks = [Promise.all(this.errorChecks).then(() => undefined)];
  }

  private readStorage(s: GpuStorage): Promise<Float32Array> {
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
    // encoded now, so later work in this turn (an optimizer step) cannot change what is read
    this.endPass();
    this.encoder().copyBufferToBuffer(s.buffer, 0, chunk.buffer, offset, bytes);
    chunk.used += bytes;
    const promise = new Promise<Float32Array>((resolve, reject) => this.requests.push({ chunk: chunk!, offset, size: n, resolve, reject }));
    if (!this.readScheduled) {
      this.readScheduled = true;
      queueMicrotask(() => void this.flushReads());
    }
    return promise;
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
    this.readScheduled = false;
    const requests = this.requests;
    const chunks = this.batchChunks;
    this.requests = [];
    this.batchChunks = [];
    this.staging = null;
    if (requests.length === 0) return;
    try {
      this.flush();
      this.stats.readbacks++;
      const checks = this.errorChecks;
      this.errorChecks = [];
      await Promise.all([...chunks.map((c) => c.buffer.mapAsync(MAP_READ, 0, c.used)), ...checks]);
      if (this.lostReason !== null) throw new GpuDeviceLostError(this.lostReason);
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
      // a map fails first when the device goes away; give device.lost a moment to say why
      if (this.lostReason === null) await Promise.race([this.device.lost, new Promise((r) => setTimeout(r, 100))]);
      if (this.lostReason === null) this.markLost(`readback failed: ${e instanceof Error ? e.message : String(e)}`);
      const err = new GpuDeviceLostError(this.lostReason ?? 'readback failed');
      for (const r of requests) r.reject(err);
    }
  }
}

/** Asks the browser (or Node's webgpu) for an adapter and a device; null when there is none. */
export async function createWebGpuBackend(gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu): Promise<WebGpuBackend | null> {
  if (!gpu) return null;
  try {
    // a browser that never answers must not freeze the worker: treat it as no adapter
    const adapter = await Promise.race([gpu.requestAdapter(), new Promise<null>((r) => setTimeout(() => r(null), ADAPTER_TIMEOUT_MS))]);
    if (!adapter) return null;
    const { maxStorageBufferBindingSize, maxBufferSize } = adapter.limits;
    const device = await adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize, maxBufferSize } });
    const info = adapter.info ? `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim() : '';
    return new WebGpuBackend(device, info);
  } catch {
    return null;
  }
}
