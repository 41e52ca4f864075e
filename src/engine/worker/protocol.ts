/**
 * The only contract between the UI and the training worker. Every message
 * carries the runId of the run it belongs to, so late messages of an old run
 * are dropped on both sides.
 */
export type BackendChoice = 'auto' | 'cpu' | 'webgpu';
export type ParamValues = Record<string, number | string | boolean>;
/**
 * A moment of a run at which the UI wants the metrics exactly (a claim is
 * judged there): after step N, when the phase of that name ends, or when the
 * run is done.
 */
export type Mark = number | 'end' | `phase:${string}`;
/** Arrays in frames travel as transferables. */
export type FrameData = Record<string, Float32Array | number[]>;

export type ToWorker =
  | { type: 'init'; runId: number; lesson: string; params: ParamValues; backend: BackendChoice }
  | { type: 'setParams'; runId: number; params: ParamValues }
  /** steps per second the loop aims at; 0 means as fast as it can */
  | { type: 'setSpeed'; runId: number; stepsPerSecond: number }
  | { type: 'play'; runId: number }
  | { type: 'pause'; runId: number }
  | { type: 'step'; runId: number }
  | { type: 'reset'; runId: number }
  | { type: 'dispose'; runId: number }
  /** The steps after which the loop posts metrics even between its throttled posts (a claim is judged there). */
  | { type: 'marks'; runId: number; steps: number[] }
  /**
   * A headless run of a lesson's experiment on the cpu (another seed of the
   * scene, for "Run 5 seeds"): trained to its marks, answered by one
   * trialDone with the metrics at each mark (and trialProgress on the way).
   */
  | { type: 'trial'; runId: number; lesson: string; params: ParamValues; marks: Mark[]; maxSteps: number }
  /** Liveness check: a worker that does not answer within a few seconds is restarted. */
  | { type: 'ping'; runId: number; nonce: number };

export type FromWorker =
  | { type: 'ready'; runId: number; backend: 'cpu' | 'webgpu'; note?: string; /** threads the cpu matrix multiply runs on (1 unless the page is cross-origin isolated) */ threads?: number; /** the cpu kernel: WebAssembly SIMD with fused multiply-add (relaxed), plain SIMD, or JavaScript */ simd?: 'relaxed' | 'plain' | 'js' }
  | { type: 'metrics'; runId: number; step: number; values: Record<string, number> }
  | { type: 'frame'; runId: number; step: number; data: FrameData }
  | { type: 'phase'; runId: number; phase: string; playing: boolean; done: boolean }
  | { type: 'backend'; runId: number; backend: 'cpu' | 'webgpu'; note?: string }
  | { type: 'diverged'; runId: number; message: string }
  | { type: 'error'; runId: number; message: string }
  | { type: 'pong'; runId: number; nonce: number }
  | { type: 'trialProgress'; runId: number; step: number; of: number }
  /** The metrics at each mark the trial reached, keyed by String(mark); a mark never reached is absent. */
  | { type: 'trialDone'; runId: number; results: Record<string, Record<string, number>>; steps: number };

/** Compile-time exhaustiveness check for switches over message types. */
export function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}

/** The typed arrays of a frame, for postMessage's transfer list. */
export function transferablesOf(data: FrameData): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(data)) {
    if (v instanceof Float32Array && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
  }
  return out;
}
