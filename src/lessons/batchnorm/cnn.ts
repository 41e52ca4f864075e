/**
 * In a CNN (scene 6): the small CNN of model.ts with batch norm after each
 * convolution (per channel, over the batch and both spatial axes) and
 * without, from the same initial weights and on the same mini-batches, plain
 * SGD. Test accuracy every EVAL_EVERY steps and ‖∂L/∂W‖ of its three layers.
 */
import { Rng, SGD } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import type { DigitSets } from './digits';
import { Cnn } from './model';
import { Trainer, raceMetrics } from './trainer';
import { EVAL_EVERY, type BatchNormParams } from './types';

export const image = (B: number) => [B, 1, 28, 28];

export function cnnTrainer(p: BatchNormParams, sets: DigitSets, bn: boolean): Trainer {
  return new Trainer(new Cnn({ activation: p.activation, bn, momentum: p.momentum }, new Rng(p.seed)), sets, new SGD(p.lr), p.batch, p.seed, image);
}

export class CnnRun implements Experiment<BatchNormParams> {
  readonly bn: Trainer;
  readonly plain: Trainer;
  private readonly ready: Promise<void>;

  constructor(
    readonly p: BatchNormParams,
    sets: DigitSets,
  ) {
    this.bn = cnnTrainer(p, sets, true);
    this.plain = cnnTrainer(p, sets, false);
    this.ready = this.look();
  }

  async step(): Promise<void> {
    await this.ready;
    this.bn.step();
    this.plain.step();
    if (this.bn.steps % EVAL_EVERY === 0) await this.look();
  }

  private async look(): Promise<void> {
    await Promise.all([this.bn.look(), this.plain.look()]);
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    return raceMetrics(this.bn, this.plain);
  }

  async frame(): Promise<{ gradBn: Float32Array; gradPlain: Float32Array }> {
    await this.ready;
    const [b, q] = await Promise.all([this.bn.lastStep(), this.plain.lastStep()]);
    return { gradBn: Float32Array.from(b.grads), gradPlain: Float32Array.from(q.grads) };
  }

  dispose(): void {
    this.bn.dispose();
    this.plain.dispose();
  }
}
