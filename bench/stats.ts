/** Timing helpers: run a step function in rounds and report the median time per step. */
export interface Timing {
  /** Median wall-clock milliseconds per step. */
  ms: number;
  /** Median process CPU milliseconds per step (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  samples: number[];
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Warms `step` up, then times `rounds` rounds of `perRound` steps; returns the median per-step time. */
export async function time(step: () => void | Promise<void>, { warmup = 5, rounds = 7, perRound = 10, budgetMs = 8000 } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await step();
  gc?.();
  const samples: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) await step();
    samples.push((performance.now() - t0) / perRound);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / perRound);
    if (performance.now() - start > budgetMs && samples.length >= 3) break;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(samples), cpuMs: median(cpu), samples };
}

/** Picks how many steps fit in about `targetMs` given one step's rough cost. */
export function perRoundFor(roughMs: number, targetMs = 200): number {
  return Math.max(1, Math.min(2000, Math.round(targetMs / Math.max(roughMs, 1e-3))));
}
