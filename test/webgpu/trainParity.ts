/**
 * Training parity: the same seeded model trained on the cpu and on the backend
 * under test must give losses that agree to 1e-3 (relative above 1) at every
 * step. Pure engine code, run by Vitest (Dawn) and in headless Chromium.
 */
import * as E from '../../src/engine';
import type { Backend } from '../../src/engine/backend';
import type { Tensor } from '../../src/engine/tensor';
import { mlp, xorData, xorLoss } from '../../src/lessons/xor/model';

export const TRAIN_TOL = 1e-3;
export const TRAIN_STEPS = 20;

/** A model set up on the current backend: its parameters, its loss, its optimizer. */
interface Trainable {
  params: Tensor[];
  loss: () => Tensor;
  opt: E.Optimizer;
  dispose: () => void;
}

function keepAll(ts: Tensor[]): Tensor[] {
  return ts.map((t) => E.keep(t));
}

/** The XOR lesson's 2-4-1 tanh MLP on the four points, MSE, plain SGD. */
function xorMlp(): Trainable {
  const net = mlp(4, 'tanh', new E.Rng(1));
  const d = xorData();
  return { params: net.params(), loss: () => xorLoss(net, d.x, d.y), opt: new E.SGD(0.2), dispose: () => [net, d.x, d.y].forEach((t) => t.dispose()) };
}

/** A 2-16-16-2 tanh MLP on 200 spiral points, softmax cross-entropy, Adam (optimizer state on the device). */
function spiralsMlp(): Trainable {
  const rng = new E.Rng(42);
  const d = E.data.spirals(200, 0.03, rng);
  const [x, y] = keepAll([E.tensor(d.x, [d.n, 2]), E.oneHot(d.y, 2)]);
  const net = new E.Sequential([new E.Dense(2, 16, rng), new E.Fn(E.tanh), new E.Dense(16, 16, rng), new E.Fn(E.tanh), new E.Dense(16, 2, rng)]);
  const opt = new E.Adam({ lr: 0.02 });
  return {
    params: net.params(),
    loss: () => E.softmaxCrossEntropy(net.forward(x), y),
    opt,
    dispose: () => [...net.params(), x, y, ...Object.values(opt.state).flat()].forEach((t) => t.dispose()),
  };
}

/**
 * A small CNN on a batch of 16 seeded 12x12 images with 10 classes:
 * conv 3x3 pad 1 (4) - relu - maxpool 2 - conv 3x3 (8) - relu - avgpool 2 - dense 32->10,
 * softmax cross-entropy, momentum.
 */
function smallCnn(): Trainable {
  const rng = new E.Rng(7);
  const B = 16;
  const imgs = Float32Array.from({ length: B * 144 }, () => rng.uniform(0, 1));
  const labels = Int32Array.from({ length: B }, (_, i) => i % 10);
  const [x, y] = keepAll([E.tensor(imgs, [B, 1, 12, 12]), E.oneHot(labels, 10)]);
  const net = new E.Sequential([
    new E.Conv2D(1, 4, 3, rng, { pad: 1 }),
    new E.Fn(E.relu),
    new E.MaxPool2D(2),
    new E.Conv2D(4, 8, 3, rng),
    new E.Fn(E.relu),
    new E.AvgPool2D(2),
    new E.Flatten(),
    new E.Dense(32, 10, rng),
  ]);
  const opt = new E.Momentum({ lr: 0.05, momentum: 0.9 });
  return {
    params: net.params(),
    loss: () => E.softmaxCrossEntropy(net.forward(x), y),
    opt,
    dispose: () => [...net.params(), x, y, ...Object.values(opt.state).flat()].forEach((t) => t.dispose()),
  };
}

export const parityModels: Record<string, () => Trainable> = { 'xor mlp': xorMlp, 'spirals mlp': spiralsMlp, 'small cnn': smallCnn };

/** Losses of `steps` training steps of a model built fresh on `backend` (read once per step, async). */
export async function trainLosses(backend: Backend, make: () => Trainable, steps = TRAIN_STEPS): Promise<number[]> {
  const prev = E.getBackend();
  E.setBackend(backend);
  const m = make();
  try {
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) {
      const L = E.tidy(() => {
        const { loss, grads } = E.valueAndGrad(m.loss, m.params);
        m.opt.step(m.params, grads);
        return E.keep(loss);
      });
      losses.push((await L.read())[0]);
      L.dispose();
    }
    return losses;
  } finally {
    m.dispose();
    E.setBackend(prev);
  }
}

export interface ParityResult {
  model: string;
  cpu: number[];
  gpu: number[];
  /** max over steps of |gpu - cpu| / max(1, |cpu|) */
  err: number;
  ok: boolean;
  message?: string;
}

export async function runTrainingParity(backend: Backend): Promise<ParityResult[]> {
  const out: ParityResult[] = [];
  for (const [model, make] of Object.entries(parityModels)) {
    try {
      const cpu = await trainLosses(E.cpuBackend, make);
      const gpu = await trainLosses(backend, make);
      let err = 0;
      cpu.forEach((c, i) => (err = Math.max(err, Math.abs(c - gpu[i]) / Math.max(1, Math.abs(c)))));
      if (gpu.some((v) => !Number.isFinite(v))) err = Infinity;
      out.push({ model, cpu, gpu, err, ok: err <= TRAIN_TOL });
    } catch (e) {
      out.push({ model, cpu: [], gpu: [], err: Infinity, ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
