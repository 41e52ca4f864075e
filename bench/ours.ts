/** The benchmark models on our engine (cpu backend). Each returns a step function. */
import * as E from '../src/engine';

export type Model = 'xor' | 'mlp8' | 'mnistMlp' | 'mnistMlpBn' | 'cnn' | 'lstm' | 'lstmComposite' | 'aeLayer' | 'finetune' | 'race';

function rand(n: number, rng: E.Rng, lo = -1, hi = 1): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniform(lo, hi));
}
function labels(n: number, k: number, rng: E.Rng): Int32Array {
  return Int32Array.from({ length: n }, () => rng.int(k));
}
function sgdStep(params: E.Tensor[], opt: E.Optimizer, loss: () => E.Tensor): void {
  E.tidy(() => {
    const { grads } = E.valueAndGrad(loss, params);
    opt.step(params, grads);
  });
}

export function oursModel(model: Model): { step: () => void; batch: number } {
  const rng = new E.Rng(1);
  switch (model) {
    case 'xor': {
      // 2-2-1, tanh hidden, sigmoid output, MSE, SGD, the four XOR points
      const x = E.keep(E.tensor([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]));
      const y = E.keep(E.tensor([0, 1, 1, 0], [4, 1]));
      const l1 = new E.Dense(2, 2, rng);
      const l2 = new E.Dense(2, 1, rng);
      const params = [...l1.params(), ...l2.params()];
      const opt = new E.SGD(0.5);
      return { batch: 4, step: () => sgdStep(params, opt, () => E.mse(E.sigmoid(l2.forward(E.tanh(l1.forward(x)))), y)) };
    }
    case 'mlp8': {
      const x = E.keep(E.tensor(rand(64, rng), [32, 2]));
      const y = E.keep(E.tensor(rand(32, rng, 0, 1), [32, 1]));
      const l1 = new E.Dense(2, 8, rng);
      const l2 = new E.Dense(8, 8, rng);
      const l3 = new E.Dense(8, 1, rng);
      const params = [...l1.params(), ...l2.params(), ...l3.params()];
      const opt = new E.SGD(0.1);
      return { batch: 32, step: () => sgdStep(params, opt, () => E.mse(l3.forward(E.tanh(l2.forward(E.tanh(l1.forward(x))))), y)) };
    }
    case 'mnistMlp': {
      const B = 64;
      const x = E.keep(E.tensor(rand(B * 784, rng, 0, 1), [B, 784]));
      const y = E.keep(E.oneHot(labels(B, 10, rng), 10));
      const l1 = new E.Dense(784, 500, rng);
      const l2 = new E.Dense(500, 500, rng);
      const l3 = new E.Dense(500, 10, rng);
      const params = [...l1.params(), ...l2.params(), ...l3.params()];
      const opt = new E.SGD(0.01);
      return { batch: B, step: () => sgdStep(params, opt, () => E.softmaxCrossEntropy(l3.forward(E.relu(l2.forward(E.relu(l1.forward(x))))), y)) };
    }
    case 'mnistMlpBn': {
      // as mnistMlp, with batch norm (training mode, running averages updated) after each hidden Dense
      const B = 64;
      const x = E.keep(E.tensor(rand(B * 784, rng, 0, 1), [B, 784]));
      const y = E.keep(E.oneHot(labels(B, 10, rng), 10));
      const l1 = new E.Dense(784, 500, rng);
      const n1 = new E.BatchNorm(500);
      const l2 = new E.Dense(500, 500, rng);
      const n2 = new E.BatchNorm(500);
      const l3 = new E.Dense(500, 10, rng);
      const params = [...l1.params(), ...n1.params(), ...l2.params(), ...n2.params(), ...l3.params()];
      const opt = new E.SGD(0.01);
      const logits = () => l3.forward(E.relu(n2.forward(l2.forward(E.relu(n1.forward(l1.forward(x)))))));
      return { batch: B, step: () => sgdStep(params, opt, () => E.softmaxCrossEntropy(logits(), y)) };
    }
    case 'cnn': {
      const B = 20;
      const x = E.keep(E.tensor(rand(B * 784, rng, 0, 1), [B, 1, 28, 28]));
      const y = E.keep(E.oneHot(labels(B, 10, rng), 10));
      const net = E.digitsCnn(rng);
      const params = net.params();
      const opt = new E.SGD(0.01);
      return { batch: B, step: () => sgdStep(params, opt, () => E.softmaxCrossEntropy(net.forward(x), y)) };
    }
    case 'lstm':
    case 'lstmComposite': {
      // lstmComposite: the same cell written from primitives (the engine before the fused step op)
      const B = 16;
      const T = 20;
      const H = 32;
      const xs = Array.from({ length: T }, () => E.keep(E.tensor(rand(B, rng), [B, 1])));
      const y = E.keep(E.oneHot(labels(B, 2, rng), 2));
      const cell = new E.LSTM(1, H, rng, { fused: model === 'lstm' });
      const head = new E.Dense(H, 2, rng);
      const params = [...cell.params(), ...head.params()];
      const opt = new E.SGD(0.1);
      return { batch: B, step: () => sgdStep(params, opt, () => E.softmaxCrossEntropy(head.forward(cell.forward(xs).hs[T - 1]), y)) };
    }
    case 'aeLayer': {
      // the pretraining lesson's layer step: 784-256-784 untied auto-encoder, sigmoid, BCE on the logits
      const B = 64;
      const x = E.keep(E.tensor(rand(B * 784, rng, 0, 1), [B, 784]));
      const ae = new E.AutoEncoder(784, 256, rng, { tied: false, activation: 'sigmoid', output: 'sigmoid' });
      const params = ae.params();
      const opt = new E.SGD(0.1);
      return { batch: B, step: () => sgdStep(params, opt, () => E.bceWithLogits(ae.decodeLogits(ae.encode(x)), x)) };
    }
    case 'finetune': {
      // the pretraining lesson's fine-tuning step: 784-256-128-10 sigmoid, softmax cross-entropy
      const B = 64;
      const x = E.keep(E.tensor(rand(B * 784, rng, 0, 1), [B, 784]));
      const y = E.keep(E.oneHot(labels(B, 10, rng), 10));
      const l1 = new E.Dense(784, 256, rng);
      const l2 = new E.Dense(256, 128, rng);
      const l3 = new E.Dense(128, 10, rng);
      const params = [...l1.params(), ...l2.params(), ...l3.params()];
      const opt = new E.SGD(0.1);
      return { batch: B, step: () => sgdStep(params, opt, () => E.softmaxCrossEntropy(l3.forward(E.sigmoid(l2.forward(E.sigmoid(l1.forward(x))))), y)) };
    }
    case 'race': {
      // the LSTM lesson's race: a tanh RNN, an LSTM and a GRU (32 units) each take one step on the
      // same batch of "recall the first of 20 symbols (4 kinds)"
      const B = 16;
      const T = 20;
      const H = 32;
      const K = 4;
      const seq = E.data.firstSymbolTask(B, T, K, rng);
      const xs = Array.from({ length: T }, (_, t) => E.keep(E.tensor(E.data.stepSlice(seq, t), [B, K])));
      const y = E.keep(E.oneHot(seq.y, K));
      const racers = [new E.RNN(K, H, rng), new E.LSTM(K, H, rng), new E.GRU(K, H, rng)].map((cell) => {
        const head = new E.Dense(H, K, rng);
        return { cell, head, params: [...cell.params(), ...head.params()], opt: new E.SGD(0.1) };
      });
      return {
        batch: B,
        step: () => {
          for (const r of racers) sgdStep(r.params, r.opt, () => E.softmaxCrossEntropy(r.head.forward(r.cell.forward(xs).hs[T - 1]), y));
        },
      };
    }
  }
}

/** C = A B for n x n matrices on our engine. */
export function oursMatmul(n: number): () => void {
  const rng = new E.Rng(2);
  const a = E.keep(E.tensor(rand(n * n, rng), [n, n]));
  const b = E.keep(E.tensor(rand(n * n, rng), [n, n]));
  return () => E.tidy(() => void E.matmul(a, b));
}
