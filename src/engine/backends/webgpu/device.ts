/**
 * The device part: getting an adapter and a device, and knowing when they
 * are gone. A device is lost by `device.lost`, an uncaptured error, or an
 * error scope (around a pipeline build or a submit) that reports one; after
 * that every call throws GpuDeviceLostError and pending reads reject.
 */

/** Thrown by every call once the device is lost or a pipeline failed. */
export class GpuDeviceLostError extends Error {
  constructor(readonly reason: string) {
    super(`WebGPU device lost: ${reason}`);
    this.name = 'GpuDeviceLostError';
  }
}

const ADAPTER_TIMEOUT_MS = 10_000;
/** Unchecked error scopes above this are folded into one promise. */
const MAX_PENDING_CHECKS = 64;

/** Tracks whether a device still works, and the error scopes whose verdict is not in yet. */
export class DeviceHealth {
  /** Why the device can no longer be used (null while it works). */
  lostReason: string | null = null;
  /** Error scopes not yet checked: a read waits for them before trusting its data. */
  private checks: Promise<void>[] = [];

  constructor(
    private readonly device: GPUDevice,
    /** Called once, when the device is first found lost. */
    private readonly onLost: (err: GpuDeviceLostError) => void,
  ) {
    void device.lost.then((info) => this.markLost(info.message || info.reason || 'lost'));
    device.addEventListener('uncapturederror', (e) => this.markLost(`GPU error: ${(e as GPUUncapturedErrorEvent).error.message}`));
  }

  markLost(reason: string): void {
    if (this.lostReason !== null) return;
    this.lostReason = reason;
    this.onLost(new GpuDeviceLostError(reason));
  }

  /** Throws GpuDeviceLostError once the device is lost. */
  check(): void {
    if (this.lostReason !== null) throw new GpuDeviceLostError(this.lostReason);
  }

  /** Pops the error scope pushed just before `what`; an error there marks the device lost. */
  watch(what: string): void {
    this.checks.push(
      this.device.popErrorScope().then(
        (err) => {
          if (err) this.markLost(`${what} failed: ${err.message}`);
        },
        () => undefined,
      ),
    );
    if (this.checks.length > MAX_PENDING_CHECKS) this.checks = [Promise.all(this.checks).then(() => undefined)];
  }

  /** The pending checks, handed to a read that must wait for them. */
  takeChecks(): Promise<void>[] {
    const c = this.checks;
    this.checks = [];
    return c;
  }

  /** After a failed map: gives `device.lost` a moment to say why, else marks the device lost with `fallback`. */
  async settle(fallback: string): Promise<GpuDeviceLostError> {
    if (this.lostReason === null) await Promise.race([this.device.lost, new Promise((r) => setTimeout(r, 100))]);
    if (this.lostReason === null) this.markLost(fallback);
    return new GpuDeviceLostError(this.lostReason ?? fallback);
  }
}

/** Asks the browser (or Node's webgpu) for an adapter and a device; null when there is none. */
export async function requestGpuDevice(gpu: GPU | undefined): Promise<{ device: GPUDevice; info: string } | null> {
  if (!gpu) return null;
  try {
    // a browser that never answers must not freeze the worker: treat it as no adapter
    const adapter = await Promise.race([gpu.requestAdapter(), new Promise<null>((r) => setTimeout(() => r(null), ADAPTER_TIMEOUT_MS))]);
    if (!adapter) return null;
    const { maxStorageBufferBindingSize, maxBufferSize } = adapter.limits;
    const device = await adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize, maxBufferSize } });
    const info = adapter.info ? `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim() : '';
    return { device, info };
  } catch {
    return null;
  }
}
