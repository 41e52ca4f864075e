/**
 * Overfit a tiny set first (Martins, Zerva & Figueiredo, "More tricks of the
 * trade": "you should be able to overfit in this small training set"): one
 * net trained on 50 digits as it should be, and beside it the same net in a
 * broken setting (inputs left at 0–255, or initial weights far too large),
 * on the same digits with the same seed. The per-layer saturation shows why
 * the broken one stalls: its tanh units sit on the flat ends from the start.
 */
import { SGD, activationStats, tidy, type Tensor } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { digitSplit, toTensors } from './data';
import { Mlp, evaluate, lossAndGrads } from './net';
import { OVERFIT_DIGITS, OVERFIT_LR, OVERFIT_SIZES, RAW_SCALE, BIG_INIT, SATURATED_AT, type OverfitFrame, type TuningParams } from './types';

/** One of the two runs: its net, its inputs (scaled as its setting says) and its records. */
class Side {
  readonly net: Mlp;
  readonly opt = new SGD(OVERFIT_LR);
  loss = 0;
  error = 1;
  sat = new Float32Array(OVERFIT_SIZES.length - 2);
  /** Lowest training loss so far and the first step it went below 0.05 (-1 before). */
  lossMin = Infinity;
  stepBelow = -1;
  constructor(
    seed: number,
    scale: number,
    readonly x: Tensor,
    readonly y: Tensor,
  ) {
    this.net = new Mlp({ sizes: OVERFIT_SIZES, act: 'tanh', init: 'glorot-uniform', scale, seed });
  }

  /** Loss, error and saturation at the current weights (the whole 50 digits are the minibatch). */
  async look(step: number): Promise<void> {
    const { loss, error } = await evaluate(this.net, this.x, this.y);
    const stats = tidy(() => this.net.forward(this.x).hidden.map((h) => activationStats(h, SATURATED_AT, 0).saturated));
    for (let l = 0; l < stats.length; l++) this.sat[l] = (await stats[l].read())[0];
    for (const s of stats) s.dispose();
    this.loss = loss;
    this.error = error;
    this.lossMin = Math.min(this.lossMin, loss);
    if (this.stepBelow < 0 && loss < 0.05) this.stepBelow = step;
  }

  train(): void {
    tidy(() => this.opt.step(this.net.params(), lossAndGrads(this.net, this.x, this.y).grads));
  }

  dispose(): void {
    this.net.dispose();
    this.x.dispose();
    this.y.dispose();
  }
}

export class OverfitRun implements Experiment<TuningParams> {
  readonly phase = 'training';
  private healthy!: Side;
  private broken!: Side;
  private t = 0;
  private readonly ready: Promise<void>;

  constructor(readonly p: TuningParams) {
    this.ready = this.build();
  }

  private async build(): Promise<void> {
    const { train } = await digitSplit(OVERFIT_DIGITS, 0, this.p.seed);
    const raw = this.p.broken === 'raw';
    const a = toTensors(train);
    const b = toTensors(train, raw ? RAW_SCALE : 1);
    this.healthy = new Side(this.p.seed, 1, a.x, a.y);
    this.broken = new Side(this.p.seed, raw ? 1 : BIG_INIT, b.x, b.y);
    await Promise.all([this.healthy.look(0), this.broken.look(0)]);
  }

  async step(): Promise<void> {
    await this.ready;
    this.healthy.train();
    this.broken.train();
    this.t++;
    await this.healthy.look(this.t);
    await this.broken.look(this.t);
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const h = this.healthy;
    const b = this.broken;
    const m: Record<string, number> = {
      loss: h.loss,
      train_error: h.error,
      broken_loss: b.loss,
      broken_error: b.error,
      loss_min: h.lossMin,
      broken_loss_min: b.lossMin,
      step_below: h.stepBelow,
      broken_step_below: b.stepBelow,
    };
    h.sat.forEach((v, l) => (m[`sat_${l + 1}`] = v));
    b.sat.forEach((v, l) => (m[`broken_sat_${l + 1}`] = v));
    return m;
  }

  async frame(): Promise<OverfitFrame> {
    await this.ready;
    return { sat: this.healthy.sat.slice(), broken_sat: this.broken.sat.slice() };
  }

  setParams(): boolean {
    return false;
  }

  dispose(): void {
    void this.ready.then(() => {
      this.healthy.dispose();
      this.broken.dispose();
    });
  }
}
