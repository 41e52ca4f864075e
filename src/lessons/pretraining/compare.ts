/**
 * The side-by-side comparison (runs in the worker): the four methods of the
 * current seed (the deep net three ways, and the shallow net) advance together, one minibatch of the least advanced method per
 * step, so their phase bars move as one; then the next seed, if asked.
 */
import type { Experiment } from '../../engine/worker/experiment';
import type { DigitSets } from './data';
import { METHODS, MethodRun, type StackConfig } from './method';
import { gridPictures, firstLayerFilters } from './pictureData';
import { BATCH, LR_FINETUNE, LR_PRETRAIN, LR_READOUT, READOUT_STEPS, type PretrainingFrame, type PretrainingParams } from './types';

/** Pictures (filters, reconstructions) are redrawn at most this often: they cost a forward pass and weight copies. */
const PICTURE_MS = 400;

export function configOf(p: PretrainingParams, seed: number): StackConfig {
  return {
    hidden: Array.from({ length: p.layers }, () => p.hidden),
    labels: p.labels,
    batch: BATCH,
    pretrainSteps: p.pretrain,
    readoutSteps: READOUT_STEPS,
    finetuneSteps: p.finetune,
    corruption: p.corruption,
    lrPretrain: LR_PRETRAIN,
    lrReadout: LR_READOUT,
    lrFinetune: LR_FINETUNE,
    seed,
  };
}

export class Comparison implements Experiment<PretrainingParams> {
  runs: MethodRun[];
  /** Finished seeds' errors, [seed][method]. */
  readonly test: number[][] = [];
  readonly readout: number[][] = [];
  readonly train: number[][] = [];
  readonly valid: number[][] = [];
  private seedIndex = 0;
  /** Wall time spent in step() and the cost it did: the rate behind "time left". */
  private spentMs = 0;
  private spentCost = 0;
  private pictures: Pick<PretrainingFrame, 'filters0' | 'filters1' | 'filters2' | 'filters3' | 'grid' | 'gridLayer'> | null = null;
  private picturesAt = -Infinity;

  constructor(
    readonly p: PretrainingParams,
    readonly sets: DigitSets,
  ) {
    this.runs = this.newRuns();
  }

  private newRuns(): MethodRun[] {
    return METHODS.map((m) => new MethodRun(m, configOf(this.p, this.p.seed + this.seedIndex), this.sets));
  }

  get done(): boolean {
    return this.seedIndex >= this.p.seeds;
  }
  /** The auto-encoder run's phase (the longest pipeline), prefixed by the seed when several run. */
  get phase(): string {
    if (this.done) return 'finished';
    const ph = this.runs[2].phase;
    return this.p.seeds > 1 ? `seed ${this.seedIndex + 1}/${this.p.seeds}: ${ph}` : ph;
  }

  async step(): Promise<void> {
    if (this.done) return;
    const t0 = performance.now();
    let next: MethodRun | null = null;
    for (const r of this.runs) if (!r.done && (!next || r.progress < next.progress)) next = r;
    if (next) {
      const before = next.doneCost;
      await next.step();
      this.spentCost += next.doneCost - before;
    }
    this.spentMs += performance.now() - t0;
    if (this.runs.every((r) => r.done)) this.finishSeed();
  }

  private finishSeed(): void {
    this.test.push(this.runs.map((r) => r.testError ?? NaN));
    this.readout.push(this.runs.map((r) => r.readoutError ?? NaN));
    this.train.push(this.runs.map((r) => r.trainError ?? NaN));
    this.valid.push(this.runs.map((r) => r.validError ?? NaN));
    this.seedIndex++;
    if (!this.done) {
      for (const r of this.runs) r.dispose();
      this.runs = this.newRuns();
      this.pictures = null;
    }
  }

  /** Seconds left for the whole run (all methods end together; later seeds cost the same). */
  private secondsLeft(): number {
    if (this.spentCost === 0) return 0;
    const perCost = this.spentMs / this.spentCost / 1000;
    const total = this.runs.reduce((s, r) => s + r.totalCost, 0);
    const remaining = this.done ? 0 : this.runs.reduce((s, r) => s + r.totalCost - r.doneCost, 0) + (this.p.seeds - this.seedIndex - 1) * total;
    return remaining * perCost;
  }

  async metrics(): Promise<Record<string, number>> {
    const m: Record<string, number> = {};
    const losses = await Promise.all(this.runs.map((r) => (r.lastLoss ? r.lastLoss.read() : Promise.resolve(null))));
    METHODS.forEach((id, i) => {
      const r = this.runs[i];
      if (losses[i]) m[`loss_${id}`] = losses[i]![0];
      m[`progress_${id}`] = this.done ? 1 : r.progress;
      // the table: the mean over finished seeds, with this seed's figure once it is measured
      const col = (rows: number[][], now: number | null) => {
        const v = rows.map((s) => s[i]);
        if (!this.done && now !== null) v.push(now);
        return v;
      };
      const te = col(this.test, r.testError);
      const ro = col(this.readout, r.readoutError);
      const tr = col(this.train, r.trainError);
      const va = col(this.valid, r.validError);
      if (te.length) m[`test_error_${id}`] = mean(te);
      if (te.length > 1) m[`test_error_${id}_sd`] = sd(te);
      if (ro.length) m[`readout_error_${id}`] = mean(ro);
      if (tr.length) m[`train_error_${id}`] = mean(tr);
      if (va.length) m[`valid_error_${id}`] = mean(va);
    });
    // the current seed's first auto-encoder (layer 1): held-out reconstruction error before training and now,
    // and once layer 1 is pretrained its denoising error beside the masked copy's own (-1: not yet)
    const ae = this.runs[2];
    const c = ae.recon[0] ?? [];
    m.recon_l1_first = c.length ? c[1] : -1;
    m.recon_l1_now = c.length ? c[c.length - 1] : -1;
    const d = ae.denoise[0] ?? [];
    m.denoise_error_l1 = d.length ? d[0] : -1;
    m.masked_error_l1 = d.length ? d[1] : -1;
    m.seconds_left = Math.round(this.secondsLeft());
    m.seeds_done = this.test.length;
    return m;
  }

  async frame(): Promise<Partial<PretrainingFrame>> {
    await Promise.all(this.runs.map((r) => r.flushCurves()));
    const now = performance.now();
    if (!this.pictures || now - this.picturesAt > PICTURE_MS) {
      const [filters, grid] = await Promise.all([Promise.all(this.runs.map((r) => firstLayerFilters(r))), gridPictures(this.runs[2])]);
      this.pictures = { filters0: filters[0], filters1: filters[1], filters2: filters[2], filters3: filters[3], grid: grid.grid, gridLayer: [grid.layer, grid.masked] };
      this.picturesAt = now;
    }
    const pic = this.pictures;
    const ae = this.runs[2];
    const seeds = Math.max(this.p.seeds, 1);
    const M = METHODS.length;
    const table = (rows: number[][], cur: (r: MethodRun) => number | null) => {
      const out = new Float32Array(seeds * M).fill(NaN);
      rows.forEach((row, s) => out.set(row, s * M));
      if (!this.done) this.runs.forEach((r, i) => (out[this.seedIndex * M + i] = cur(r) ?? NaN));
      return out;
    };
    return {
      phaseIndex: Float32Array.from(this.runs, (r) => (this.done ? 99 : r.phaseIndex)),
      phaseProgress: Float32Array.from(this.runs, (r) => (this.done ? 1 : r.phaseProgress)),
      layers: [this.p.layers],
      seedOf: [this.seedIndex, this.p.seeds],
      testErrors: table(this.test, (r) => r.testError),
      readoutErrors: table(this.readout, (r) => r.readoutError),
      recon0: Float32Array.from(ae.recon[0] ?? []),
      recon1: Float32Array.from(ae.recon[1] ?? []),
      recon2: Float32Array.from(ae.recon[2] ?? []),
      fine0: Float32Array.from(this.runs[0].fineLoss),
      fine1: Float32Array.from(this.runs[1].fineLoss),
      fine2: Float32Array.from(this.runs[2].fineLoss),
      fine3: Float32Array.from(this.runs[3].fineLoss),
      // copies: the frame's arrays are transferred to the page
      filters0: pic.filters0.slice(),
      filters1: pic.filters1.slice(),
      filters2: pic.filters2.slice(),
      filters3: pic.filters3.slice(),
      grid: pic.grid.slice(),
      gridLayer: pic.gridLayer,
    };
  }

  dispose(): void {
    for (const r of this.runs) r.dispose();
  }
}

export const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
/** Sample standard deviation (n - 1). */
export const sd = (v: number[]): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
};
