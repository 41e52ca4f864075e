/**
 * What the run loop needs to survive a lost GPU: a snapshot of the weights at
 * each posted metrics message, and the move of every live tensor to the cpu
 * from that snapshot when the device goes away or a pipeline fails.
 */
import type { Backend } from '../../backend';
import { GpuDeviceLostError, WebGpuBackend } from './backend';

/** Snapshots no more often than this unless they are small. */
const SNAPSHOT_INTERVAL_MS = 1000;
const SMALL_SNAPSHOT_BYTES = 256 * 1024;

export function isWebGpu(b: Backend | null): b is WebGpuBackend {
  return b instanceof WebGpuBackend;
}

/** Why `e` (thrown while `b` was active) means the GPU cannot go on; null for ordinary errors. */
export function gpuFailure(b: Backend | null, e: unknown): string | null {
  if (!isWebGpu(b)) return null;
  if (b.lostReason !== null) return b.lostReason;
  if (e instanceof GpuDeviceLostError) return e.reason;
  return null;
}

let lastSnapshot = -Infinity;

/**
 * Starts a snapshot of the weights on `b` (one readback, shared with the reads
 * issued in the same turn). Resolves true when it completed; never rejects.
 */
export function snapshot(b: Backend | null, now = performance.now()): Promise<boolean> | null {
  if (!isWebGpu(b) || b.lost) return null;
  if (now - lastSnapshot < SNAPSHOT_INTERVAL_MS && b.checkpointBytes() > SMALL_SNAPSHOT_BYTES) return null;
  lastSnapshot = now;
  return b.checkpoint().then(
    () => true,
    () => false,
  );
}
