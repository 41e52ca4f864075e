/**
 * The UI side of the worker: starts runs, sends commands, drops messages of
 * stale runs, commits the latest metrics and frame to the store once per
 * animation frame, and restarts a worker that dies with the lesson's state:
 * one that throws (onerror) and one that stops answering (closed itself, or
 * hung in a loop), found by a ping every PING_MS that must be answered within
 * DEAD_MS (BUILD_DEAD_MS while it builds a run), and by a ping sent with each
 * command, so a worker that died while paused is found at the next click.
 */
// types only: a value import would pull the engine's shared chunk onto the main thread
import type { FromWorker, ToWorker } from '../engine/worker/protocol';
import type { Values } from '../ui/params';
import { appendHistory, emptyHistory, initialRun, useStore, type BackendChoice } from '../ui/store';

let worker: Worker | null = null;
let runId = 0;
let current: { lesson: string; params: Values; backend: BackendChoice } | null = null;
/** The steps at which the run posts its metrics exactly (the scene's claims), resent with every run. */
let marks: number[] = [];
let pending: {
  metrics?: Extract<FromWorker, { type: 'metrics' }>[];
  frame?: Extract<FromWorker, { type: 'frame' }>;
  phase?: Extract<FromWorker, { type: 'phase' }>;
} = {};
let rafQueued = false;
const metricsListeners = new Set<(step: number, values: Record<string, number>) => void>();
const phaseListeners = new Set<() => void>();

/**
 * How often the bridge asks the worker whether it is alive, and how long it
 * may stay silent. A worker that closed itself sends nothing and gets no
 * event, so the ping is the only sign: it is found at most PING_MS + DEAD_MS
 * (plus a CHECK_MS tick) after its last message, 3.25 s. A pong costs the
 * page one tiny message a second. The worker answers pings between slices of
 * 12 ms (runLoop.ts): on every lesson (play at full speed, reset, play; a
 * loaded 2-core machine) the slowest pong took 0.4 s once the worker had
 * spoken. A new worker loading its module (1.1-1.6 s there) or a run being
 * built may block longer on a slow machine: those get BUILD_DEAD_MS.
 */
export const PING_MS = 1000;
export const DEAD_MS = 2000;
/** Until a new worker first speaks, and while a run is being built (init, reset, new params: answered by a phase message). */
export const BUILD_DEAD_MS = 10_000;
const CHECK_MS = 250;
let pingNonce = 0;
let unanswered: { nonce: number; at: number } | null = null;
let lastPing = -Infinity;
/** When the current worker last sent anything (-Infinity: not yet); any message shows it was alive then. */
let lastHeard = -Infinity;
/** A command that rebuilds the run was posted and no phase message has answered it yet. */
let building = false;
let watchdog: ReturnType<typeof setInterval> | null = null;

function ping(now: number): void {
  if (!worker || unanswered) return;
  unanswered = { nonce: ++pingNonce, at: now };
  lastPing = now;
  worker.postMessage({ type: 'ping', runId, nonce: unanswered.nonce } satisfies ToWorker);
}

function check(): void {
  if (!current || !worker) return;
  const now = performance.now();
  const silent = unanswered ? now - Math.max(unanswered.at, lastHeard) : 0;
  if (silent > (building || lastHeard === -Infinity ? BUILD_DEAD_MS : DEAD_MS)) {
    unanswered = null;
    restart('The training worker stopped responding and was restarted.');
    return;
  }
  if (now - lastPing >= PING_MS) ping(now);
}

function watch(): void {
  if (watchdog === null) watchdog = setInterval(check, CHECK_MS);
}

function safeLocal(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function spawn(): Worker {
  // test builds: a page can ask for the plain-SIMD fallback (localStorage 'dlp-test-simd' = 'plain')
  const name = import.meta.env.MODE === 'test' && safeLocal('dlp-test-simd') === 'plain' ? 'simd=plain' : undefined;
  const w = new Worker(new URL('../lessons/worker.ts', import.meta.url), { type: 'module', name });
  lastHeard = -Infinity;
  w.onmessage = (e: MessageEvent<FromWorker>) => {
    if (w === worker) lastHeard = performance.now();
    receive(e.data);
  };
  w.onerror = (e) => {
    e.preventDefault();
    restart(`The training worker stopped (${e.message || 'unknown error'}) and was restarted.`);
  };
  return w;
}

function post(msg: ToWorker): void {
  if (!worker) worker = spawn();
  worker.postMessage(msg);
  if (msg.type === 'init' || msg.type === 'reset' || msg.type === 'setParams') building = true;
  // a worker that died while the run was paused is found DEAD_MS after this command, not a ping interval later
  if (current && msg.type !== 'dispose') ping(performance.now());
}

/** Said once with the next run's backend (why the worker was restarted). */
let restartNote: string | null = null;

function restart(note: string): void {
  worker?.terminate();
  worker = null;
  unanswered = null;
  building = false;
  if (current) {
    restartNote = note;
    startRun(current.lesson, current.params, current.backend);
  }
}

/** Starts (or restarts) a lesson's run with these params; older runs' messages are dropped from now on. */
export function startRun(lesson: string, params: Values, backend: BackendChoice): void {
  runId++;
  current = { lesson, params: { ...params }, backend };
  pending = {};
  // a restart's note shows at once, not only when the new worker is ready
  useStore.setState({ ...initialRun, history: emptyHistory(), backendNote: restartNote });
  post({ type: 'init', runId, lesson, params, backend });
  if (marks.length) post({ type: 'marks', runId, steps: marks });
  watch();
  const sps = useStore.getState().stepsPerSecond;
  post({ type: 'setSpeed', runId, stepsPerSecond: sps });
}

export function setParams(params: Values): void {
  if (!current) return;
  Object.assign(current.params, params);
  useStore.setState({ alert: null });
  post({ type: 'setParams', runId, params });
}

/** The steps after which the worker must post metrics (the claims' moments); kept for later runs too. */
export function setMarks(steps: number[]): void {
  marks = [...steps];
  if (current) post({ type: 'marks', runId, steps: marks });
}

/** Rebuilds the run from step 0 with the current params; a playing run goes on playing. */
export function restartRun(): void {
  if (!current) return;
  const playing = useStore.getState().playing;
  reset();
  if (playing) play();
}

export function setSpeed(stepsPerSecond: number): void {
  useStore.setState({ stepsPerSecond });
  if (current) post({ type: 'setSpeed', runId, stepsPerSecond });
}

export function play(): void {
  if (current) post({ type: 'play', runId });
}
export function pause(): void {
  if (current) post({ type: 'pause', runId });
}
export function step(): void {
  if (current) post({ type: 'step', runId });
}
export function reset(): void {
  if (!current) return;
  useStore.setState({ alert: null, history: emptyHistory(), done: false });
  post({ type: 'reset', runId });
}
export function stopRun(): void {
  if (current) post({ type: 'dispose', runId });
  current = null;
  unanswered = null;
  building = false;
  if (watchdog !== null) clearInterval(watchdog);
  watchdog = null;
}

/** Called after each phase message has been committed to the store (the worker has answered a command). */
export function onPhase(f: () => void): () => void {
  phaseListeners.add(f);
  return () => phaseListeners.delete(f);
}

/** Called with every metrics message (the embed API forwards them). */
export function onMetrics(f: (step: number, values: Record<string, number>) => void): () => void {
  metricsListeners.add(f);
  return () => metricsListeners.delete(f);
}

function receive(msg: FromWorker): void {
  if (msg.type === 'trialProgress' || msg.type === 'trialDone') return; // the trial worker's (src/app/trialWorker.ts)
  if (msg.type === 'pong') {
    if (unanswered && msg.nonce === unanswered.nonce) unanswered = null;
    return;
  }
  if (msg.runId !== runId) return;
  switch (msg.type) {
    case 'ready':
      useStore.setState({ backend: msg.backend, backendNote: [restartNote, msg.note].filter(Boolean).join(' ') || null, threads: msg.threads ?? 1, simd: msg.simd ?? null });
      restartNote = null;
      return;
    case 'backend':
      useStore.setState({ backend: msg.backend, backendNote: msg.note ?? null });
      return;
    case 'metrics':
      (pending.metrics ??= []).push(msg);
      metricsListeners.forEach((f) => f(msg.step, msg.values));
      break;
    case 'frame':
      pending.frame = msg;
      break;
    case 'phase':
      building = false;
      // committed now, together with the metrics posted before it: "paused" never shows an
      // older step, and state changes do not wait for animation frames (throttled off-screen)
      pending.phase = msg;
      flush();
      phaseListeners.forEach((f) => f());
      return;
    case 'diverged':
      useStore.setState({ alert: { kind: 'diverged', message: msg.message }, playing: false });
      return;
    case 'error':
      useStore.setState({ alert: { kind: 'error', message: msg.message }, playing: false });
      return;
    default:
      unhandled(msg);
  }
  if (!rafQueued) {
    rafQueued = true;
    requestAnimationFrame(flush);
  }
}

/** Commits what arrived since the last animation frame in one store update. */
function flush(): void {
  rafQueued = false;
  const { metrics, frame, phase } = pending;
  if (!metrics && !frame && !phase) return;
  pending = {};
  const s = useStore.getState();
  const update: Partial<typeof s> = {};
  if (metrics?.length) {
    let h = s.history;
    for (const m of metrics) h = appendHistory(h, m.step, m.values);
    const last = metrics[metrics.length - 1];
    // a value the worker held back (not finite: the run diverged) keeps its last finite reading
    const values = last.step > s.step ? { ...s.metrics, ...last.values } : last.values;
    Object.assign(update, { history: h, metrics: values, step: last.step });
  }
  if (frame) update.frame = frame.data;
  if (phase) Object.assign(update, { phase: phase.phase, playing: phase.playing, done: phase.done });
  useStore.setState(update);
}

/** Compile-time exhaustiveness check (a local copy of the protocol's assertNever, see the import above). */
function unhandled(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
