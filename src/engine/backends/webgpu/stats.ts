/** Counters of the webgpu backend's work (tests and `npm run bench:webgpu` read them). */
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

export function newStats(): GpuStats {
  return { dispatches: 0, copies: 0, submits: 0, buffersCreated: 0, pipelinesCreated: 0, bindGroupsCreated: 0, readbacks: 0, bytesRead: 0, bytesUploaded: 0 };
}
