/**
 * Helper threads for the wasm matrix multiply, where the page may share memory
 * (crossOriginIsolated: SharedArrayBuffer and Atomics). The kernel moves to a
 * shared WebAssembly memory; each helper instantiates the same module on it
 * and sleeps in Atomics.wait until the caller posts a job: a block of rows of C.
 * The caller runs the first block itself and waits for the rest, so a product
 * returns only when every block is written. The caller copies the helpers'
 * operands in first and posts their jobs before it copies its own rows in, and
 * copies its own results out while they work (gemm.ts). Elsewhere (an embed in a page
 * without isolation, a browser without SharedArrayBuffer) nothing changes: one thread.
 *
 * The engine does not create workers itself: startGemmThreads() is given a
 * spawn function (a Web Worker in the browser, a worker_threads Worker in
 * Node), and the helper's entry calls gemmThreadMain().
 */
import { ThreadPacer } from './threadPacer';
import { relaxedSimdSupported } from './features';
import { CTRL_FLOATS, MR, gemmModule, installKernel, wasmSimdAvailable, type GemmFn, type Kernel } from './gemmKernel';

/** What a spawned helper must offer: a message port that can be closed. */
export interface ThreadPort {
  postMessage(msg: unknown): void;
  terminate(): unknown;
  /** A Web Worker's handler slot (its event type differs by environment, hence unknown). */
  onmessage?: unknown;
  /** Node's worker_threads: messages arrive as data. */
  on?: (ev: 'message', f: (data: unknown) => void) => void;
}

// control block (Int32 slots at the start of shared memory): [0] job number, [1] blocks done,
// then per helper h at 8 + 16h: a, b, c, m, n, k, relaxed, ldb, ra, sa
const SEQ = 0;
const DONE = 1;
const slot = (h: number) => 8 + 16 * h;
/** Helpers the control block has room for (CTRL_FLOATS ints). */
const MAX_HELPERS = Math.floor((CTRL_FLOATS - 8) / 16);
const MAX_PAGES = 16384; // 1 GiB of address space reserved, committed as it grows

/** Whether threads can run here: shared memory, Atomics.wait allowed (not a window's main thread), and the SIMD kernel. */
export function threadsSupported(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  const g = globalThis as { crossOriginIsolated?: boolean; document?: unknown };
  if (g.crossOriginIsolated === false) return false;
  if (g.document !== undefined) return false; // Atomics.wait throws on a window's main thread
  return wasmSimdAvailable();
}

/** Checks of a shared counter before a thread sleeps on it (on the order of 100 us). */
const SPIN = 50_000;

/** How long a product waits for its helper threads before it gives up (a block takes milliseconds). */
const HELPER_TIMEOUT_MS = 30_000;

export class GemmPool {
  /** Pauses the split while the helpers lag (a busy machine): threadPacer.ts. */
  readonly pacer = new ThreadPacer();
  constructor(
    private readonly ctrl: Int32Array,
    private readonly helpers: ThreadPort[],
    private readonly ownFns: { plain: GemmFn; relaxed: GemmFn | null },
  ) {}
  get threads(): number {
    return this.helpers.length + 1;
  }
  /**
   * Posts C rows [r0, m) to the helpers, in row blocks (multiples of MR), and
   * returns at once: the caller meanwhile computes rows [0, r0) itself, then
   * calls wait(). Returns the number of jobs posted.
   */
  post(relaxed: boolean, a: number, b: number, c: number, m: number, n: number, k: number, ldb: number, ra: number, sa: number, r0: number): number {
    if (m <= r0) return 0;
    const H = Math.min(this.helpers.length, (m - r0) / MR);
    const per = Math.ceil((m - r0) / MR / H) * MR;
    const ctrl = this.ctrl;
    let posted = 0;
    for (let h = 0; h < this.helpers.length; h++) {
      const lo = Math.min(m, r0 + h * per);
      const rows = Math.max(0, Math.min(m, lo + per) - lo);
      const s = slot(h);
      ctrl[s] = a + lo * ra;
      ctrl[s + 1] = b;
      ctrl[s + 2] = c + lo * n * 4;
      ctrl[s + 3] = rows;
      ctrl[s + 4] = n;
      ctrl[s + 5] = k;
      ctrl[s + 6] = relaxed ? 1 : 0;
      ctrl[s + 7] = ldb;
      ctrl[s + 8] = ra;
      ctrl[s + 9] = sa;
      posted++;
    }
    Atomics.store(ctrl, DONE, 0);
    Atomics.add(ctrl, SEQ, 1);
    Atomics.notify(ctrl, SEQ);
    return posted;
  }

  /** The caller's own rows (the same kernel the helpers run). */
  own(relaxed: boolean, a: number, b: number, c: number, m: number, n: number, k: number, ldb: number, ra: number, sa: number): void {
    if (m > 0) (relaxed && this.ownFns.relaxed ? this.ownFns.relaxed : this.ownFns.plain)(a, b, c, m, n, k, ldb, ra, sa);
  }

  /** Returns when the `posted` jobs are done. */
  wait(posted: number): void {
    const ctrl = this.ctrl;
    // a bounded wait: a helper that died or missed its job fails this product loudly instead of hanging the thread
    const deadline = Date.now() + HELPER_TIMEOUT_MS;
    // the helpers had the same work and usually finish about now: a short spin saves a sleep and its wake-up
    for (let spin = 0; spin < SPIN && Atomics.load(ctrl, DONE) < posted; spin++);
    for (;;) {
      const done = Atomics.load(ctrl, DONE);
      if (done >= posted) break;
      if (Date.now() > deadline) throw new Error(`gemm: ${posted - done} of ${posted} helper threads did not finish within ${HELPER_TIMEOUT_MS / 1000} s`);
      Atomics.wait(ctrl, DONE, done, 1000);
    }
  }
  stop(): void {
    for (const w of this.helpers) w.terminate();
  }
}

let pool: GemmPool | null = null;

/** Threads running the matrix multiply now (1 when single-threaded). */
export function gemmThreadCount(): number {
  return pool ? pool.threads : 1;
}

/**
 * Moves the kernel to shared memory and starts `threads - 1` helpers from
 * `spawn` (capped by the caller, e.g. hardwareConcurrency - 1). Returns the
 * thread count in use: 1 where threads are not supported or a helper fails to start.
 */
export async function startGemmThreads(threads: number, spawn: () => ThreadPort): Promise<number> {
  stopGemmThreads();
  threads = Math.min(threads, MAX_HELPERS + 1);
  if (threads <= 1 || !threadsSupported()) return 1;
  let helpers: ThreadPort[] = [];
  try {
    const mem = new WebAssembly.Memory({ initial: 64, maximum: MAX_PAGES, shared: true });
    const plainMod = new WebAssembly.Module(gemmModule(false, MAX_PAGES));
    const relaxedMod = relaxedSimdSupported() ? new WebAssembly.Module(gemmModule(true, MAX_PAGES)) : null;
    const inst = (m: WebAssembly.Module) => new WebAssembly.Instance(m, { env: { mem } }).exports.gemm as GemmFn;
    const own = { plain: inst(plainMod), relaxed: relaxedMod ? inst(relaxedMod) : null };
    const ctrl = new Int32Array(mem.buffer, 0, CTRL_FLOATS);
    helpers = Array.from({ length: threads - 1 }, spawn);
    await Promise.all(
      helpers.map(
        (w, h) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('gemm helper did not start')), 10_000);
            const onMsg = (data: unknown) => {
              clearTimeout(timer);
              if (data === 'ready') resolve();
              else reject(new Error(String(data)));
            };
            if (w.on) w.on('message', onMsg);
            else (w as { onmessage: (e: { data: unknown }) => void }).onmessage = (e) => onMsg(e.data);
            w.postMessage({ mem, plainMod, relaxedMod, slot: slot(h) });
          }),
      ),
    );
    pool = new GemmPool(ctrl, helpers, own);
    const k: Kernel = { mem, gemm: own.plain, relaxed: own.relaxed, f32: new Float32Array(mem.buffer), pool };
    installKernel(k);
    return pool.threads;
  } catch {
    for (const w of helpers) w.terminate();
    pool = null;
    return 1;
  }
}

/** Back to one thread (the helpers end; the next product builds the single-thread kernel). */
export function stopGemmThreads(): void {
  if (!pool) return;
  pool.stop();
  pool = null;
  installKernel(undefined);
}

/**
 * A helper's whole life: take the shared memory and modules from the first
 * message, answer 'ready', then run every job posted to its slot.
 */
export function gemmThreadMain(port: { postMessage(m: unknown): void; onFirstMessage(f: (data: unknown) => void): void }): void {
  port.onFirstMessage((data) => {
    try {
      const { mem, plainMod, relaxedMod, slot: s } = data as { mem: WebAssembly.Memory; plainMod: WebAssembly.Module; relaxedMod: WebAssembly.Module | null; slot: number };
      const inst = (m: WebAssembly.Module) => new WebAssembly.Instance(m, { env: { mem } }).exports.gemm as GemmFn;
      const plain = inst(plainMod);
      const relaxed = relaxedMod ? inst(relaxedMod) : null;
      const ctrl = new Int32Array(mem.buffer, 0, CTRL_FLOATS);
      // read the job counter before saying ready: read after, a first job posted in between
      // would already be counted as seen and the caller would wait for it forever
      let seen = Atomics.load(ctrl, SEQ);
      port.postMessage('ready');
      for (;;) {
        // products come in bursts (a training step runs several): spin a little before sleeping, since a
        // futex wake-up costs tens of microseconds against a block that takes a few hundred
        for (let spin = 0; spin < SPIN && Atomics.load(ctrl, SEQ) === seen; spin++);
        Atomics.wait(ctrl, SEQ, seen);
        seen = Atomics.load(ctrl, SEQ);
        const rows = ctrl[s + 3];
        if (rows > 0) (ctrl[s + 6] && relaxed ? relaxed : plain)(ctrl[s], ctrl[s + 1], ctrl[s + 2], rows, ctrl[s + 4], ctrl[s + 5], ctrl[s + 7], ctrl[s + 8], ctrl[s + 9]);
        Atomics.add(ctrl, DONE, 1);
        Atomics.notify(ctrl, DONE);
      }
    } catch (e) {
      port.postMessage(e instanceof Error ? e.message : String(e));
    }
  });
}
