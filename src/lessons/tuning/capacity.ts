/**
 * Under- or over-fitting? One net per width of its hidden layer, trained side
 * by side from their seeds on the same minibatches of a small training set,
 * each measured on its training digits and on validation digits it never
 * sees. The rule (Goodfellow, Bengio & Courville, Deep Learning, §11.4.1): a
 * high training error asks for more capacity; a low training error with a
 * large gap to the validation error asks for less capacity or more
 * regularization.
 */
import type { Experiment } from '../../engine/worker/experiment';
import { digitSplit, toTensors } from './data';
import { Mlp } from './net';
import { Lane, sharedBatches } from './sideBySide';
import { CAP_BATCH, CAP_EVAL, CAP_LR, CAP_STEPS, CAP_TRAIN, CAP_VAL, CAP_WIDTHS, type CapFrame, type TuningParams } from './types';

export class CapacityRun implements Experiment<TuningParams> {
  readonly phase = 'training';
  private lanes: Lane[] = [];
  private readonly batches;
  private t = 0;
  private shown: number;
  private readonly ready: Promise<void>;

  constructor(readonly p: TuningParams) {
    this.batches = sharedBatches(CAP_TRAIN, p.seed);
    this.shown = Math.max(0, CAP_WIDTHS.indexOf(p.hidden));
    this.ready = this.build();
  }

  get done(): boolean {
    return this.t >= CAP_STEPS;
  }

  private async build(): Promise<void> {
    const { train, val } = await digitSplit(CAP_TRAIN, CAP_VAL, this.p.seed);
    for (const w of CAP_WIDTHS) {
      const net = new Mlp({ sizes: [train.dim, Number(w), 10], act: 'tanh', init: 'glorot-uniform', seed: this.p.seed });
      this.lanes.push(new Lane(net, CAP_LR, train, toTensors(train), toTensors(val)));
    }
    await this.measure();
  }

  private async measure(): Promise<void> {
    for (const l of this.lanes) await l.measure();
  }

  async step(): Promise<void> {
    await this.ready;
    const idx = this.batches.next(CAP_BATCH);
    for (const l of this.lanes) l.step(idx);
    this.t++;
    if (this.t % CAP_EVAL === 0 || this.t === CAP_STEPS) await this.measure();
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const m: Record<string, number> = {};
    let grows = 1;
    CAP_WIDTHS.forEach((w, k) => {
      const l = this.lanes[k];
      m[`train_error_${w}`] = l.trainError;
      m[`val_error_${w}`] = l.valError;
      m[`gap_${w}`] = l.valError - l.trainError;
      m[`loss_${w}`] = l.loss;
      if (k > 0 && m[`gap_${w}`] <= m[`gap_${CAP_WIDTHS[k - 1]}`]) grows = 0;
    });
    // the net the capacity control shows
    const s = this.lanes[this.shown];
    m.loss = s.loss;
    m.train_error = s.trainError;
    m.val_error = s.valError;
    m.gap = s.valError - s.trainError;
    m.gap_grows = grows;
    return m;
  }

  async frame(): Promise<CapFrame> {
    await this.ready;
    return { train: Float32Array.from(this.lanes, (l) => l.trainError), val: Float32Array.from(this.lanes, (l) => l.valError) };
  }

  /** The capacity control picks the net that is shown; all of them train either way. */
  setParams(changed: Partial<TuningParams>): boolean {
    const keys = Object.keys(changed);
    if (keys.length === 1 && keys[0] === 'hidden') {
      this.shown = Math.max(0, CAP_WIDTHS.indexOf(changed.hidden!));
      return true;
    }
    return false;
  }

  dispose(): void {
    void this.ready.then(() => {
      for (const l of this.lanes) l.dispose();
    });
  }
}
