/**
 * The 2-D code view: a deep auto-encoder 784-H-2-H-784 (sigmoid hidden layers,
 * a linear 2-unit code, sigmoid outputs, cross-entropy reconstruction loss)
 * trained end to end on the unlabelled training digits; every CODE_EVERY
 * minibatches the codes of CODE_POINTS test digits are computed for the plot.
 */
import { Batches, Dense, Rng, bceWithLogits, gatherRows, keep, sigmoid, tidy, type Tensor } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { PIXELS, type DigitSets } from './data';
import { host, newOptimizer, trainStep } from './model';
import { BATCH, CODE_EVERY, CODE_HIDDEN, CODE_POINTS, CODE_STEPS, LR_CODE, type PretrainingFrame, type PretrainingParams } from './types';

export class CodeView implements Experiment<PretrainingParams> {
  readonly layers: Dense[];
  private readonly batches: Batches;
  private readonly opt = newOptimizer(LR_CODE);
  private t = 0;
  private lastLoss: Tensor | null = null;
  private codes: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private readonly testX: Tensor;

  constructor(
    p: PretrainingParams,
    readonly sets: DigitSets,
  ) {
    const rng = new Rng(p.seed);
    const sizes = [PIXELS, CODE_HIDDEN, 2, CODE_HIDDEN, PIXELS];
    this.layers = sizes.slice(1).map((s, k) => new Dense(sizes[k], s, rng));
    this.batches = new Batches(sets.nTrain, new Rng(p.seed * 31 + 5));
    this.testX = keep(host(sets.test.subarray(0, CODE_POINTS * PIXELS), [CODE_POINTS, PIXELS]));
  }

  get done(): boolean {
    return this.t >= CODE_STEPS;
  }
  get phase(): string {
    return this.done ? 'finished' : 'training';
  }

  /** The 2-unit code of x (linear code layer). */
  encode(x: Tensor): Tensor {
    return this.layers[1].forward(sigmoid(this.layers[0].forward(x)));
  }
  private logits(x: Tensor): Tensor {
    return this.layers[3].forward(sigmoid(this.layers[2].forward(this.encode(x))));
  }

  async step(): Promise<void> {
    if (this.done) return;
    if (this.t % CODE_EVERY === 0) await this.readCodes();
    const x = host(gatherRows(this.sets.train, PIXELS, this.batches.next(BATCH)), [BATCH, PIXELS]);
    const l = trainStep(this.opt, this.layers.flatMap((d) => d.params()), () => bceWithLogits(this.logits(x), x));
    x.dispose();
    this.lastLoss?.dispose();
    this.lastLoss = l;
    this.t++;
    if (this.done) await this.readCodes();
  }

  private async readCodes(): Promise<void> {
    const c = tidy(() => keep(this.encode(this.testX)));
    this.codes = await c.read();
    c.dispose();
  }

  async metrics(): Promise<Record<string, number>> {
    return this.lastLoss ? { loss: (await this.lastLoss.read())[0] } : {};
  }

  async frame(): Promise<Partial<PretrainingFrame>> {
    if (this.codes.length === 0) await this.readCodes();
    return { codes: this.codes.slice(), codeLabels: Float32Array.from(this.sets.testY.subarray(0, CODE_POINTS)) };
  }

  dispose(): void {
    for (const d of this.layers) d.dispose();
    this.testX.dispose();
    this.lastLoss?.dispose();
  }
}
