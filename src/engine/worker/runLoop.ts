/**
 * The generic run loop that drives any experiment in the worker: play, pause,
 * step, reset; trains in slices of a few milliseconds so commands are never
 * starved, and posts metrics and frames at most ~30 times a second.
 */
import { gemmThreadCount } from '../wasm/threads';
import { wasmEnabled, wasmRelaxedEnabled } from '../wasm/enabled';
import type { Backend } from '../backend';
import { cpuBackend } from '../backends/cpu';
import { gpuFailure, isWebGpu, snapshot } from '../backends/webgpu/fallback';
import { setBackend } from '../engine';
import type { Experiment, ExperimentRegistry } from './experiment';
import { runToMarks } from './trial';
import { assertNever, transferablesOf, type BackendChoice, type FromWorker, type ParamValues, type ToWorker } from './protocol';

/** What the loop needs of its host (a DedicatedWorkerGlobalScope, or a fake in tests). */
export interface Port {
  postMessage(msg: FromWorker, transfer?: Transferable[]): void;
}

/** Picks the backend for a choice, lesson and its params; the note says why it differs from the request. */
export type BackendSelector = (choice: BackendChoice, lesson: string, params: ParamValues) => Promise<{ backend: Backend; note?: string }>;

const POST_INTERVAL_MS = 33;
const SLICE_MS = 12;

export class RunLoop {
  private runId = -1;
  private lesson = '';
  private params: ParamValues = {};
  private exp: Experiment | null = null;
  private backend: Backend | null = null;
  private playing = false;
  private stepCount = 0;
  /** Steps after which metrics are posted exactly (claims are judged there), whatever the throttle. */
  private marks = new Set<number>();
  private stepsPerSecond = 0;
  private stepDebt = 0;
  private lastTick = 0;
  private lastPost = 0;
  private busy = false;
  /** Step whose weights the last completed GPU snapshot holds (-1: none yet for this experiment). */
  private snapshotStep = -1;
  private readyPosted = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Serializes command handling so a slow init cannot interleave with later commands. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: ExperimentRegistry,
    private readonly port: Port,
    private readonly selectBackend: BackendSelector,
  ) {}

  /** Entry point for every message from the UI. */
  handle(msg: ToWorker): Promise<void> {
    // liveness: answered at once, not queued behind training, so a slow step is not taken for a hang
    if (msg.type === 'ping') {
      this.post({ type: 'pong', runId: msg.runId, nonce: msg.nonce });
      return Promise.resolve();
    }
    this.queue = this.queue.then(() => this.dispatch(msg)).catch((e) => this.fail(e));
    return this.queue;
  }

  private async dispatch(msg: ToWorker): Promise<void> {
    // a stale command of an old run (init and trial start runs of their own)
    if (msg.type !== 'init' && msg.type !== 'trial' && msg.runId !== this.runId) return;
    switch (msg.type) {
      case 'init': {
        this.stop();
        this.exp?.dispose?.();
        this.exp = null;
        this.runId = msg.runId;
        this.lesson = msg.lesson;
        this.params = { ...msg.params };
        this.readyPosted = false;
        const { backend, note } = await this.selectBackend(msg.backend, msg.lesson, this.params);
        this.backend = backend;
        setBackend(backend);
        await this.build();
        this.post({ type: 'ready', runId: this.runId, backend: backend.name, note, threads: gemmThreadCount(), simd: wasmRelaxedEnabled() ? 'relaxed' : wasmEnabled() ? 'plain' : 'js' });
        this.readyPosted = true;
        await this.publish(true);
        return;
      }
      case 'setParams': {
        Object.assign(this.params, msg.params);
        if (!this.exp?.setParams?.(msg.params)) await this.build();
        await this.publish(true);
        return;
      }
      case 'marks':
        this.marks = new Set(msg.steps.filter((n) => Number.isInteger(n) && n >= 0));
        return;
      case 'trial':
        await this.trial(msg);
        return;
      case 'setSpeed':
        this.stepsPerSecond = Math.max(0, msg.stepsPerSecond);
        this.stepDebt = 0;
        return;
      case 'play':
        if (!this.exp || this.exp.done) return;
        this.playing = true;
        this.lastTick = performance.now();
        this.postPhase();
        this.schedule();
        return;
      case 'pause':
        this.stop();
        // steps of the last slice may not have been posted yet: the readout must show where training stopped
        if (this.exp) await this.publish(true);
        else this.postPhase();
        return;
      case 'step':
        this.stop();
        if (this.exp && !this.exp.done) {
          await this.runStep();
          await this.publish(true);
        }
        return;
      case 'reset':
        this.stop();
        await this.build();
        await this.publish(true);
        return;
      case 'dispose':
        this.stop();
        this.exp?.dispose?.();
        this.exp = null;
        this.runId = -1;
        return;
      case 'ping': // answered in handle(), never queued
        return;
      default:
        assertNever(msg);
    }
  }

  /**
   * Another seed of a scene, run headless to its marks on the cpu and
   * answered once. Meant for a worker of its own (the page's trial worker):
   * it replaces this loop's run, and the backend stays the cpu.
   */
  private async trial(msg: Extract<ToWorker, { type: 'trial' }>): Promise<void> {
    this.stop();
    this.exp?.dispose?.();
    this.exp = null;
    this.runId = msg.runId;
    this.backend = cpuBackend;
    setBackend(cpuBackend);
    const factory = this.registry[msg.lesson];
    if (!factory) throw new Error(`no experiment named "${msg.lesson}"`);
    const exp = await factory(msg.params, { backend: 'cpu' });
    try {
      const runId = msg.runId;
      const { results, steps } = await runToMarks(exp, msg.marks, msg.maxSteps, {
        yieldMs: 100,
        onProgress: (step, of) => this.post({ type: 'trialProgress', runId, step, of }),
      });
      this.post({ type: 'trialDone', runId, results, steps });
    } finally {
      exp.dispose?.();
    }
  }

  private async build(): Promise<void> {
    const factory = this.registry[this.lesson];
    if (!factory) throw new Error(`no experiment named "${this.lesson}"`);
    this.exp?.dispose?.();
    this.exp = null;
    this.stepCount = 0;
    this.snapshotStep = -1;
    this.exp = await factory(this.params, { backend: this.backend!.name });
  }

  private async runStep(): Promise<void> {
    const r = this.exp!.step();
    if (r) await r;
    this.stepCount++;
  }

  private stop(): void {
    this.playing = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer === null && this.playing) {
      // at a set speed, wake about once a frame; flat out, yield to the message queue at once
      this.timer = setTimeout(() => {
        this.timer = null;
        this.queue = this.queue.then(() => this.tick()).catch((e) => this.fail(e));
      }, this.stepsPerSecond > 0 ? 16 : 0);
    }
  }

  private async tick(): Promise<void> {
    if (!this.playing || !this.exp || this.busy) return;
    this.busy = true;
    const runId = this.runId;
    try {
      const start = performance.now();
      let allowed = Infinity;
      if (this.stepsPerSecond > 0) {
        this.stepDebt += ((start - this.lastTick) * this.stepsPerSecond) / 1000;
        allowed = Math.floor(this.stepDebt);
        this.stepDebt -= allowed;
      }
      this.lastTick = start;
      let n = 0;
      let marked = false;
      const phase = this.exp.phase;
      while (n < allowed && !this.exp.done && performance.now() - start < SLICE_MS) {
        await this.runStep();
        n++;
        // a mark or the end of a phase is posted as it happens, so the page judges claims on the same numbers as Node
        if (this.marks.has(this.stepCount) || this.exp.phase !== phase) {
          marked = true;
          break;
        }
      }
      if (runId !== this.runId) return;
      const finished = !!this.exp.done;
      if (finished) this.playing = false;
      if (finished || marked || performance.now() - this.lastPost >= POST_INTERVAL_MS) await this.publish(finished || this.exp.phase !== phase);
    } finally {
      this.busy = false;
    }
    this.schedule();
  }

  /** Posts metrics and a frame; stops the run with a message if a value is not finite. */
  private async publish(withPhase: boolean): Promise<void> {
    if (!this.exp) return;
    this.lastPost = performance.now();
    // on webgpu, snapshot the weights in the same readback as the metrics (device-loss fallback)
    const snapStep = this.stepCount;
    const snap = snapshot(this.backend)?.then((ok) => {
      if (ok) this.snapshotStep = snapStep;
    });
    // metrics and frame start together so their reads share one GPU readback
    const [metrics, data] = await Promise.all([this.exp.metrics(), this.exp.frame?.()]);
    const values = { ...metrics, step: this.stepCount };
    await snap;
    const bad = Object.entries(values).find(([, v]) => !Number.isFinite(v));
    if (bad) {
      // a non-finite number never leaves the worker: the UI keeps the last finite readout and picture
      const finite = Object.fromEntries(Object.entries(values).filter(([, v]) => Number.isFinite(v)));
      this.post({ type: 'metrics', runId: this.runId, step: this.stepCount, values: finite });
    } else {
      this.post({ type: 'metrics', runId: this.runId, step: this.stepCount, values });
      if (data) this.port.postMessage({ type: 'frame', runId: this.runId, step: this.stepCount, data }, transferablesOf(data));
    }
    if (bad) {
      this.stop();
      this.post({
        type: 'diverged',
        runId: this.runId,
        message: `Training diverged at step ${this.stepCount}: ${bad[0]} became ${bad[1]}. Lower the learning rate and press Reset.`,
      });
    }
    if (withPhase || bad) this.postPhase();
  }

  private postPhase(): void {
    this.post({
      type: 'phase',
      runId: this.runId,
      phase: this.exp?.phase ?? '',
      playing: this.playing,
      done: !!this.exp?.done,
    });
  }

  /**
   * The GPU is gone (device lost, failed pipeline): move the run to the cpu
   * from the last snapshot of its weights (or rebuild it when there is none
   * yet), say so, and keep playing if it was.
   */
  private async fallBackToCpu(reason: string, resume: boolean): Promise<void> {
    const gpu = this.backend;
    let from = -1;
    let stale = 0;
    if (isWebGpu(gpu)) {
      if (this.exp && this.snapshotStep >= 0) {
        stale = gpu.moveTensorsToCpu().stale;
        from = this.snapshotStep;
      }
      gpu.destroy(reason);
    }
    this.backend = cpuBackend;
    setBackend(cpuBackend);
    if (from >= 0) this.stepCount = from;
    else if (this.lesson) await this.build();
    const note =
      from >= 0
        ? `The GPU stopped working (${reason}); continuing on the CPU from the weights of step ${from}.`
        : `The GPU stopped working (${reason}); running on the CPU.`;
    this.post({ type: this.readyPosted ? 'backend' : 'ready', runId: this.runId, backend: 'cpu', note });
    this.readyPosted = true;
    if (!this.exp) return;
    // tensors made after the snapshot (a step's loss) hold zeros until the next step: post after it when playing on
    if (!(resume && stale > 0)) await this.publish(true);
    if (resume && !this.exp.done) {
      this.playing = true;
      this.lastTick = performance.now();
      this.postPhase();
      this.schedule();
    }
  }

  private post(msg: FromWorker): void {
    this.port.postMessage(msg);
  }

  private fail(e: unknown): Promise<void> | void {
    const wasPlaying = this.playing;
    this.stop();
    this.busy = false;
    const reason = gpuFailure(this.backend, e);
    if (reason !== null) return this.fallBackToCpu(reason, wasPlaying).catch((e2) => this.fail(e2));
    const message = e instanceof Error ? e.message : String(e);
    this.post({ type: 'error', runId: this.runId, message });
  }
}
