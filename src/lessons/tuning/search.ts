/**
 * Grid against random search (Bergstra & Bengio 2012, "Random search for
 * hyper-parameter optimization"; Goodfellow, Bengio & Courville, §11.4.3-4):
 * SEARCH_TRIALS trials on a 3 × 3 grid and SEARCH_TRIALS at random over the
 * same square of (log₁₀ η, log₁₀ λ), each a real training run (trial.ts).
 * One step of the experiment is one trial; grid and random trials alternate
 * so both searches grow together. The many-seeds view repeats the pair of
 * searches SEARCHES times, each with its own draws and training seed.
 */
import { Rng, type Tensor } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { digitSplit, toTensors, type DigitSet } from './data';
import { runTrial } from './trial';
import { GRID_SIDE, LOG_LR, LOG_WD, SEARCHES, SEARCH_TRAIN, SEARCH_TRIALS, SEARCH_VAL, TRIAL_FIELDS, type SearchFrame, type TuningParams } from './types';

export interface PlannedTrial {
  kind: 0 | 1;
  logLr: number;
  logWd: number;
  search: number;
}

/** The centres of a side × side split of [lo, hi]. */
export function gridValues([lo, hi]: [number, number], side: number): number[] {
  return Array.from({ length: side }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / side);
}

/** Search `search`'s trials, grid and random alternating; random draws are log-uniform, from `rng`. */
export function planSearch(search: number, rng: Rng): PlannedTrial[] {
  const lrs = gridValues(LOG_LR, GRID_SIDE);
  const wds = gridValues(LOG_WD, GRID_SIDE);
  const grid = wds.flatMap((logWd) => lrs.map((logLr) => ({ kind: 0 as const, logLr, logWd, search })));
  const random = grid.map(() => ({ kind: 1 as const, logLr: rng.uniform(...LOG_LR), logWd: rng.uniform(...LOG_WD), search }));
  return grid.flatMap((g, i) => [g, random[i]]);
}

/** Best (lowest) of the first n values, for n = 1..values.length. */
export function runningBest(values: readonly number[]): number[] {
  let best = Infinity;
  return values.map((v) => (best = Math.min(best, v)));
}

export class SearchRun implements Experiment<TuningParams> {
  readonly phase = 'searching';
  private readonly plan: PlannedTrial[] = [];
  private readonly results: number[] = [];
  private lastLoss = 0;
  private train!: DigitSet;
  private val!: { x: Tensor; y: Tensor };
  private readonly ready: Promise<void>;
  private readonly started = Date.now();
  private elapsed = 0;

  constructor(readonly p: TuningParams) {
    const searches = p.view === 'seeds' ? SEARCHES : 1;
    for (let s = 0; s < searches; s++) this.plan.push(...planSearch(s, new Rng(p.seed * 1000 + s)));
    this.ready = this.build();
  }

  private async build(): Promise<void> {
    const d = await digitSplit(SEARCH_TRAIN, SEARCH_VAL, this.p.seed);
    this.train = d.train;
    this.val = toTensors(d.val);
  }

  get done(): boolean {
    return this.results.length >= this.plan.length;
  }

  /** The training seed of a search's trials: every trial of one search starts from the same weights and sees the same minibatches. */
  private trialSeed(search: number): number {
    return this.p.seed * 1000 + search;
  }

  async step(): Promise<void> {
    await this.ready;
    if (this.done) return;
    const t = this.plan[this.results.length];
    const o = await runTrial(this.train, this.val, 10 ** t.logLr, 10 ** t.logWd, this.trialSeed(t.search));
    this.results.push(o.valError);
    this.lastLoss = o.valLoss;
    this.elapsed = (Date.now() - this.started) / 1000;
  }

  /** Per search with all its trials done: the validation errors of its grid and its random trials, in order. */
  private finished(): { grid: number[]; random: number[] }[] {
    const out: { grid: number[]; random: number[] }[] = [];
    const per = 2 * SEARCH_TRIALS;
    for (let s = 0; (s + 1) * per <= this.results.length; s++) {
      const r = this.results.slice(s * per, (s + 1) * per);
      out.push({ grid: r.filter((_, i) => i % 2 === 0), random: r.filter((_, i) => i % 2 === 1) });
    }
    return out;
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const n = this.results.length;
    const grid = this.results.filter((_, i) => this.plan[i].kind === 0);
    const random = this.results.filter((_, i) => this.plan[i].kind === 1);
    const done = this.finished();
    const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
    const distinct = (kind: 0 | 1) => new Set(this.plan.filter((t, i) => i < n && t.kind === kind && t.search === 0).map((t) => t.logLr.toFixed(6))).size;
    const m: Record<string, number> = {
      trials: n,
      trials_total: this.plan.length,
      loss: this.lastLoss,
      distinct_lr_grid: distinct(0),
      distinct_lr_random: distinct(1),
      elapsed_s: this.elapsed,
    };
    if (this.p.view === 'seeds') {
      m.searches_done = done.length;
      m.best_val_grid = mean(done.map((d) => Math.min(...d.grid)));
      m.best_val_random = mean(done.map((d) => Math.min(...d.random)));
      m.random_wins = done.filter((d) => Math.min(...d.random) < Math.min(...d.grid)).length;
      m.grid_wins = done.filter((d) => Math.min(...d.grid) < Math.min(...d.random)).length;
    } else {
      m.best_val_grid = grid.length ? Math.min(...grid) : 1;
      m.best_val_random = random.length ? Math.min(...random) : 1;
      // how much the unimportant λ moves the error: the spread over the grid's three λ at its best η
      const spread = gridValuesSpread(grid);
      if (spread !== null) m.wd_spread = spread;
    }
    return m;
  }

  async frame(): Promise<SearchFrame> {
    await this.ready;
    const trials = new Float32Array(this.results.length * TRIAL_FIELDS);
    this.results.forEach((v, i) => {
      const t = this.plan[i];
      trials.set([t.kind, t.logLr, t.logWd, v, t.search], i * TRIAL_FIELDS);
    });
    const done = this.finished();
    const curve = (key: 'grid' | 'random') => {
      const c = new Float32Array(SEARCH_TRIALS);
      for (const d of done) runningBest(d[key]).forEach((v, i) => (c[i] += v / done.length));
      return c;
    };
    return {
      trials,
      bests: Float32Array.from(done.flatMap((d) => [Math.min(...d.grid), Math.min(...d.random)])),
      randomCurve: curve('random'),
      gridCurve: curve('grid'),
    };
  }

  setParams(): boolean {
    return false;
  }

  dispose(): void {
    void this.ready.then(() => {
      this.val.x.dispose();
      this.val.y.dispose();
    });
  }
}

/** For a full grid (row-major, λ rows, η columns): max − min of the error over the λ values at the η of the grid's best trial; null before the grid is full. */
export function gridValuesSpread(grid: readonly number[]): number | null {
  if (grid.length < GRID_SIDE * GRID_SIDE) return null;
  const c = grid.indexOf(Math.min(...grid)) % GRID_SIDE;
  const col = Array.from({ length: GRID_SIDE }, (_, r) => grid[r * GRID_SIDE + c]);
  return Math.max(...col) - Math.min(...col);
}
