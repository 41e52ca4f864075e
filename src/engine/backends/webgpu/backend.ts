/**
 * The webgpu backend: one command encoder that batches every dispatch,
 * buffer copy and upload until a read (or every FLUSH_EVERY dispatches)
 * submits it, a pipeline cache and a bind-group cache. The other parts:
 * `pool.ts` (buffers), `readback.ts` (coalesced reads), `device.ts` (getting
 * a device, knowing it is lost), `recovery.ts` (snapshots, the move to the cpu).
 */
import type { Backend } from '../../backend';
import type { OpDef } from '../../op';
import type { Tensor } from '../../tensor';
import { DeviceHealth, GpuDeviceLostError, requestGpuDevice } from './device';
import { BufferPool, type GpuStorage } from './pool';
import type { GpuProgram } from './program';
import { Readback } from './readback';
import { checkpoint, checkpointBytes, moveToCpu, shadowWrite } from './recovery';
import { newStats, type GpuStats } from './stats';

export { GpuDeviceLostError } from './device';
export type { GpuStats } from './stats';

/** Dispatches encoded before a submit even without a read. */
const FLUSH_EVERY = 256;
/** Writes larger than this go straight through queue.writeBuffer after a flush. */
const DIRECT_UPLOAD_FLOATS = 1 << 16;
const USAGE_UPLOAD = 0x04 | 0x08; // COPY_SRC | COPY_DST
/** Bind groups cached before the cache is cleared. */
const MAX_BIND_GROUPS = 8192;

export class WebGpuBackend implements Backend {
  readonly name = 'webgpu' as const;
  readonly stats: GpuStats = newStats();

  private readonly health: DeviceHealth;
  private readonly pool: BufferPool;
  private readonly reader: Readback;
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  /** Bind groups by layout and buffers: the pool hands a step the same buffers each time, so they repeat. */
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  private readonly layouts: { bind: GPUBindGroupLayout; pipe: GPUPipelineLayout }[] = [];
  private enc: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private encoded = 0;
  private upload: GPUBuffer | null = null;
  private uploadHost = new Float32Array(1 << 14);
  private uploadUsed = 0;

  constructor(readonly device: GPUDevice, readonly adapterInfo = '') {
    this.health = new DeviceHealth(device, (err) => this.reader.rejectAll(err));
    this.pool = new BufferPool(
      device,
      this.stats,
      () => this.flush(),
      () => this.bindGroups.clear(),
    );
    this.reader = new Readback(device, this.health, this.stats, {
      copyToStaging: (src, dst, offset, bytes) => {
        this.endPass();
        this.encoder().copyBufferToBuffer(src, 0, dst, offset, bytes);
      },
      flush: () => this.flush(),
    });
  }

  /** Why the device can no longer be used (null while it works). */
  get lostReason(): string | null {
    return this.health.lostReason;
  }

  get lost(): boolean {
    return this.health.lostReason !== null;
  }

  /** Marks the backend dead: later calls throw and pending reads reject. */
  markLost(reason: string): void {
    this.health.markLost(reason);
  }

  alloc(size: number): GpuStorage {
    this.health.check();
    return this.pool.alloc(size);
  }

  release(storage: unknown): void {
    this.pool.release(storage as GpuStorage);
  }

  write(storage: unknown, values: Float32Array): void {
    this.health.check();
    const s = storage as GpuStorage;
    const n = values.length;
    s.version++;
    shadowWrite(s, values);
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
    this.health.check();
    const kernel = op.webgpu;
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
    this.health.check();
    this.own(src);
    this.own(dst).version++;
    this.copyBuffer(src, dst);
  }

  read(t: Tensor): Promise<Float32Array> {
    if (this.lost) return Promise.reject(new GpuDeviceLostError(this.lostReason!));
    return this.reader.read(this.own(t));
  }

  /**
   * Snapshots every live buffer changed since the last snapshot to the host
   * (one readback, shared with reads issued in the same turn), so that a lost
   * device can hand the run to the cpu from these values.
   */
  checkpoint(): Promise<void> {
    if (this.lost) return Promise.reject(new GpuDeviceLostError(this.lostReason!));
    return checkpoint(this.pool.live, (s) => this.reader.read(s));
  }

  /** Bytes a checkpoint() would read now. */
  checkpointBytes(): number {
    return checkpointBytes(this.pool.live);
  }

  /**
   * After a loss: moves every live tensor to the cpu with its last snapshot.
   * Returns how many tensors moved and how many had no snapshot (those start from zeros).
   */
  moveTensorsToCpu(): { moved: number; stale: number; orphans: number } {
    const r = moveToCpu(this.pool.live);
    this.pool.live.clear();
    return r;
  }

  /** Frees every GPU object; the backend is unusable afterwards. */
  destroy(reason = 'destroyed'): void {
    this.markLost(reason);
    this.device.destroy();
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
      this.health.watch('submit');
      this.stats.submits++;
      this.enc = null;
    }
    this.encoded = 0;
  }

  // --- encoding ---

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
      this.health.watch(`pipeline ${p.key.slice(0, 60)}`);
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
      if (this.bindGroups.size >= MAX_BIND_GROUPS) this.bindGroups.clear();
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
}

/** Asks the browser (or Node's webgpu) for an adapter and a device; null when there is none. */
export async function createWebGpuBackend(gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu): Promise<WebGpuBackend | null> {
  const d = await requestGpuDevice(gpu);
  return d && new WebGpuBackend(d.device, d.info);
}
