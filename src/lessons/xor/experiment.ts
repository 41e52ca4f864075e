/**
 * XOR experiment (runs in the worker): trains the chosen model on the four
 * points (or the student's own: the `data` param) with full-batch gradient
 * descent on MSE, or `runs` networks from
 * consecutive seeds at once to show how often training gets stuck.
 */
import { SGD, keep, noGradEval, tensor, tidy, valueAndGrad, Rng, type Tensor } from '../../engine';
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import { handSetNet, linearModel, mlp, xorData, xorLoss, type XorNet } from './model';
import { trainingSet } from './ownData';
import { GRID, GRID_MAX, GRID_MIN, PLATEAUS, PLATEAU_TOL, SEED_RACE_STEPS, SOLVED_LOSS, STUCK_LOSS, type XorFrame, type XorParams } from './types';

function buildNet(p: XorParams, seed: number): XorNet {
  if (p.model === 'linear') return linearModel(new Rng(seed));
  if (p.model === 'handset') return handSetNet();
  return mlp(p.hidden, p.activation, new Rng(seed));
}

function gridInputs(): Tensor {
  const v = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const i = r * GRID + c;
      v[2 * i] = GRID_MIN + ((GRID_MAX - GRID_MIN) * c) / (GRID - 1); // x1 along columns
      v[2 * i + 1] = GRID_MAX - ((GRID_MAX - GRID_MIN) * r) / (GRID - 1); // x2 up the rows
    }
  }
  return keep(tensor(v, [GRID * GRID, 2]));
}

/** One network trained by full-batch SGD; exposes its loss, parameters and pictures. */
export class XorRun {
  readonly net: XorNet;
  private readonly opt: SGD;
  private lastLoss: Tensor | null = null;
  constructor(
    readonly p: XorParams,
    seed: number,
    private readonly data: { x: Tensor; y: Tensor },
  ) {
    this.net = buildNet(p, seed);
    this.opt = new SGD(p.lr);
  }

  step(): void {
    // the hand-set weights are the lesson's point: never trained (on the XOR points their gradient is 0 anyway; on own data the loss shows how they fit)
    if (this.p.model === 'handset') return;
    const params = this.net.params();
    const loss = tidy(() => {
      const { loss, grads } = valueAndGrad(() => xorLoss(this.net, this.data.x, this.data.y), params);
      this.opt.step(params, grads);
      return loss;
    });
    this.lastLoss?.dispose();
    this.lastLoss = keep(loss);
  }

  /** The loss of the current weights (cpu or gpu alike). */
  async loss(): Promise<number> {
    if (!this.lastLoss) {
      const t = noGradEval(() => xorLoss(this.net, this.data.x, this.data.y));
      const v = (await t.read())[0];
      t.dispose();
      return v;
    }
    return (await this.lastLoss.read())[0];
  }

  setLr(lr: number): void {
    this.opt.lr = lr;
  }

  dispose(): void {
    this.lastLoss?.dispose();
    this.net.dispose();
  }
}

/** The run's training set as tensors, from the `data` param (the four XOR points when it is empty or unreadable). */
function dataOf(p: XorParams): { x: Tensor; y: Tensor } {
  const { x, y } = trainingSet(p.data);
  return xorData(x, y);
}

/** The pictures of one run: surface over the grid, hidden values and outputs of the training points, the weights. */
async function pictures(run: XorRun, grid: Tensor, { x, y }: { x: Tensor; y: Tensor }): Promise<Partial<XorFrame>> {
  const evals = [noGradEval(() => run.net.forward(grid)), noGradEval(() => run.net.hidden(x)), noGradEval(() => run.net.forward(x))];
  // every read is issued before the first await: on webgpu they share one readback
  const [surface, hidden, outputs, inputs, labels, ...weights] = await Promise.all([
    ...evals.map((t) => (t ? t.read() : Promise.resolve(new Float32Array(0)))),
    x.read(),
    y.read(),
    ...run.net.params().map((t) => t.read()),
  ]);
  for (const t of evals) t?.dispose();
  // copies: the frame's arrays are transferred to the page, the data tensors stay
  return { surface, hidden, outputs, inputs: inputs.slice(), labels: labels.slice(), W: weights[0], c: weights[1], w: weights[2] ?? [], b: weights[3] ?? [] };
}

class SingleRun implements Experiment<XorParams> {
  private readonly run: XorRun;
  private readonly grid = gridInputs();
  readonly phase: string;
  constructor(
    p: XorParams,
    private readonly data = dataOf(p),
  ) {
    this.run = new XorRun(p, p.seed, data);
    this.phase = p.model;
  }
  step(): void {
    // the hand-set network is already a minimum: its gradient is zero, so steps leave it there
    this.run.step();
  }
  async metrics(): Promise<Record<string, number>> {
    // every read is issued before the first await: on webgpu they share one readback
    const [loss, params] = await Promise.all([this.run.loss(), Promise.all(this.run.net.params().map((t) => t.read()))]);
    const m: Record<string, number> = { loss, points: this.data.y.shape[0] };
    if (this.run.p.model === 'linear') {
      m.w1 = params[0][0];
      m.w2 = params[0][1];
      m.b = params[1][0];
    }
    return m;
  }
  frame(): Promise<Partial<XorFrame>> {
    return pictures(this.run, this.grid, this.data);
  }
  /** The learning rate changes live; `inspect` means nothing to a single run; anything else rebuilds. */
  setParams(p: Partial<XorParams>): boolean {
    if (!Object.keys(p).every((k) => k === 'lr' || k === 'inspect')) return false;
    if (p.lr !== undefined) this.run.setLr(p.lr);
    return true;
  }
  dispose(): void {
    this.run.dispose();
    this.grid.dispose();
    this.data.x.dispose();
    this.data.y.dispose();
  }
}

/** Whether a final loss is 0 (below SOLVED_LOSS) or one of the plateaus 1/8, 1/6, 1/4 (within PLATEAU_TOL). */
export function atRest(loss: number): boolean {
  return loss < SOLVED_LOSS || PLATEAUS.some((p) => Math.abs(loss - p) < PLATEAU_TOL);
}

/**
 * `runs` networks from seeds seed..seed+runs-1 trained side by side for SEED_RACE_STEPS steps.
 * The run of seed `inspect` (the first one if that seed is not in the race) also sends its
 * pictures, so a student can open any run of the histogram in the hidden-space view.
 */
class ManySeeds implements Experiment<XorParams> {
  private readonly runs: XorRun[];
  private readonly grid = gridInputs();
  private readonly first: number;
  private inspect: number;
  private t = 0;
  constructor(
    p: XorParams,
    private readonly data = dataOf(p),
  ) {
    this.first = p.seed;
    this.inspect = p.inspect;
    this.runs = Array.from({ length: p.runs }, (_, i) => new XorRun(p, p.seed + i, data));
  }
  /** The seed whose pictures the frame carries. */
  get inspected(): number {
    const i = this.inspect - this.first;
    return i >= 0 && i < this.runs.length ? this.inspect : this.first;
  }
  get done(): boolean {
    return this.t >= SEED_RACE_STEPS;
  }
  get phase(): string {
    return this.done ? 'finished' : 'racing';
  }
  step(): void {
    for (const r of this.runs) r.step();
    this.t++;
  }
  private async losses(): Promise<Float32Array> {
    return Float32Array.from(await Promise.all(this.runs.map((r) => r.loss())));
  }
  async metrics(): Promise<Record<string, number>> {
    const l = await this.losses();
    let stuck = 0;
    let sum = 0;
    let elsewhere = 0;
    for (const v of l) {
      if (v > STUCK_LOSS) stuck++;
      sum += v;
      if (!atRest(v)) elsewhere++;
    }
    // no result before it exists: the counts are reported once the race has finished (the page says "running…" until then)
    const points = this.data.y.shape[0];
    return this.done ? { loss: sum / l.length, stuck, solved: l.length - stuck, elsewhere, runs: l.length, points } : { loss: sum / l.length, runs: l.length, points };
  }
  async frame(): Promise<Partial<XorFrame>> {
    const seed = this.inspected;
    const [losses, pics] = await Promise.all([this.losses(), pictures(this.runs[seed - this.first], this.grid, this.data)]);
    return { ...pics, losses, inspected: Float32Array.of(seed) };
  }
  /** Opening another run of the race needs no rebuild; anything else does. */
  setParams(p: Partial<XorParams>): boolean {
    if (!Object.keys(p).every((k) => k === 'inspect')) return false;
    if (p.inspect !== undefined) this.inspect = p.inspect;
    return true;
  }
  dispose(): void {
    for (const r of this.runs) r.dispose();
    this.grid.dispose();
    this.data.x.dispose();
    this.data.y.dispose();
  }
}

/** Tiny models: the cpu beats the GPU's dispatch cost under `auto`. */
export const autoBackend = 'cpu';

export const experiment: ExperimentFactory<XorParams> = (p) => {
  return p.runs > 1 && p.model === 'mlp' ? new ManySeeds(p) : new SingleRun(p);
};
