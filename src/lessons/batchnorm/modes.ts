/**
 * Train and test mode (scene 4): one batch-norm net trains as in the race; at
 * every look the held-out digits go through it four ways: with the running
 * averages (inference mode), with the statistics of the whole test batch,
 * one digit at a time with that batch of one's own statistics, and with
 * running averages that were never updated (μ = 0, σ² = 1).
 */
import { tensor, tidy } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { CLASSES, PIXELS, accuracyOf, argmax, type DigitSets } from './digits';
import type { Mlp } from './model';
import { mlpTrainer } from './race';
import type { Trainer } from './trainer';
import { EVAL_EVERY, type BatchNormParams } from './types';

/** Test digits sent one at a time (a batch of one each). */
export const SINGLE_DIGITS = 100;

export class ModesRun implements Experiment<BatchNormParams> {
  readonly bn: Trainer;
  private looks: Record<string, number> = {};
  private readonly ready: Promise<void>;

  constructor(
    readonly p: BatchNormParams,
    private readonly sets: DigitSets,
  ) {
    this.bn = mlpTrainer(p, sets, true);
    this.ready = this.look();
  }

  async step(): Promise<void> {
    await this.ready;
    this.bn.step();
    if (this.bn.steps % EVAL_EVERY === 0) await this.look();
  }

  private async look(): Promise<void> {
    const [running, batch, unupdated, single] = await Promise.all([
      this.bn.look(),
      this.bn.testAccuracy('batch'),
      this.bn.testAccuracy('unupdated'),
      this.singles(),
    ]);
    this.looks = { accuracy_running: running, accuracy_batch: batch, accuracy_unupdated: unupdated, ...single };
  }

  /** SINGLE_DIGITS test digits, each alone in its batch and normalized with that batch's statistics: accuracy and how many different answers. */
  private async singles(): Promise<{ accuracy_single: number; answers_single: number }> {
    const net = this.bn.net as Mlp;
    const s = this.sets;
    const n = Math.min(SINGLE_DIGITS, s.nTest);
    const outs = tidy(() => Array.from({ length: n }, (_, i) => net.evaluate(tensor(s.test.subarray(i * PIXELS, (i + 1) * PIXELS), [1, PIXELS]), 'batch').logits));
    const logits = new Float32Array(n * CLASSES);
    const vals = await Promise.all(outs.map((t) => t.read()));
    vals.forEach((v, i) => logits.set(v, i * CLASSES));
    for (const t of outs) t.dispose();
    const answers = new Set(Array.from({ length: n }, (_, i) => argmax(logits, i * CLASSES, CLASSES)));
    return { accuracy_single: accuracyOf(logits, s.testY.subarray(0, n)), answers_single: answers.size };
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const { loss } = await this.bn.lastStep();
    const m: Record<string, number> = { ...this.looks, accuracy: this.bn.accuracy, best_running: this.bn.best, diverged: this.bn.diverged ? 1 : 0 };
    if (Number.isFinite(loss)) m.loss = loss;
    // how far the running averages have come: the first layer's first unit, beside its last batch's statistics
    const norm = (this.bn.net as Mlp).norms[0];
    const [rm, rv, stats] = await Promise.all([norm.runningMean.read(), norm.runningVar.read(), norm.lastStats()]);
    m.running_mean = rm[0];
    m.running_var = rv[0];
    if (stats) (m.mu_B = stats.mean[0]), (m.var_B = stats.variance[0]);
    return m;
  }

  dispose(): void {
    this.bn.dispose();
  }
}
