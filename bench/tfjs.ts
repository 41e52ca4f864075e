/** The same benchmark models on TensorFlow.js (cpu or wasm backend), written with the same ops. */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Model } from './ours';

export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} unavailable`);
  await tf.ready();
}

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
const glorot = (r: () => number, i: number, o: number) => {
  const lim = Math.sqrt(6 / (i + o));
  return tf.variable(tf.tensor2d(Float32Array.from({ length: i * o }, () => (2 * r() - 1) * lim), [i, o]));
};
const zeros = (n: number) => tf.variable(tf.zeros([n]));

export function tfjsModel(model: Model): { step: () => void; batch: number } {
  const r = seeded(1);
  const randT = (shape: number[], lo = -1, hi = 1) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * r()), shape);
  const oneHot = (n: number, k: number) => tf.oneHot(tf.tensor1d(Int32Array.from({ length: n }, () => Math.floor(r() * k)), 'int32'), k).toFloat();
  const dense = (i: number, o: number) => {
    const W = glorot(r, i, o);
    const b = zeros(o);
    return { f: (x: tf.Tensor) => tf.add(tf.matMul(x as tf.Tensor2D, W), b), vars: [W, b] };
  };
  const train = (lr: number, vars: tf.Variable[], loss: () => tf.Scalar) => {
    const opt = tf.train.sgd(lr);
    return () => {
      tf.tidy(() => {
        opt.minimize(loss, false, vars);
      });
    };
  };
  switch (model) {
    case 'xor': {
      const x = tf.tensor2d([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]);
      const y = tf.tensor2d([0, 1, 1, 0], [4, 1]);
      const l1 = dense(2, 2);
      const l2 = dense(2, 1);
      return { batch: 4, step: train(0.5, [...l1.vars, ...l2.vars], () => tf.losses.meanSquaredError(y, tf.sigmoid(l2.f(tf.tanh(l1.f(x))))) as tf.Scalar) };
    }
    case 'mlp8': {
      const x = randT([32, 2]);
      const y = randT([32, 1], 0, 1);
      const l1 = dense(2, 8);
      const l2 = dense(8, 8);
      const l3 = dense(8, 1);
      return { batch: 32, step: train(0.1, [...l1.vars, ...l2.vars, ...l3.vars], () => tf.losses.meanSquaredError(y, l3.f(tf.tanh(l2.f(tf.tanh(l1.f(x)))))) as tf.Scalar) };
    }
    case 'mnistMlp': {
      const x = randT([64, 784], 0, 1);
      const y = oneHot(64, 10);
      const l1 = dense(784, 500);
      const l2 = dense(500, 500);
      const l3 = dense(500, 10);
      return { batch: 64, step: train(0.01, [...l1.vars, ...l2.vars, ...l3.vars], () => tf.losses.softmaxCrossEntropy(y, l3.f(tf.relu(l2.f(tf.relu(l1.f(x)))))) as tf.Scalar) };
    }
    case 'mnistMlpBn': {
      const x = randT([64, 784], 0, 1);
      const y = oneHot(64, 10);
      const l1 = dense(784, 500);
      const l2 = dense(500, 500);
      const l3 = dense(500, 10);
      // tf.moments + tf.batchNorm (autodiff through the moments), running averages as ours keeps them
      const norm = () => {
        const gamma = tf.variable(tf.ones([500]));
        const beta = zeros(500);
        const runningMean = tf.variable(tf.zeros([500]), false);
        const runningVar = tf.variable(tf.ones([500]), false);
        const f = (h: tf.Tensor) => {
          const { mean, variance } = tf.moments(h, [0]);
          runningMean.assign(tf.add(tf.mul(runningMean, 0.9), tf.mul(mean, 0.1)));
          runningVar.assign(tf.add(tf.mul(runningVar, 0.9), tf.mul(variance, 0.1)));
          return tf.batchNorm(h, mean, variance, beta, gamma, 1e-5);
        };
        return { f, vars: [gamma, beta] };
      };
      const n1 = norm();
      const n2 = norm();
      const vars = [...l1.vars, ...n1.vars, ...l2.vars, ...n2.vars, ...l3.vars];
      return { batch: 64, step: train(0.01, vars, () => tf.losses.softmaxCrossEntropy(y, l3.f(tf.relu(n2.f(l2.f(tf.relu(n1.f(l1.f(x)))))))) as tf.Scalar) };
    }
    case 'cnn': {
      // NHWC, the layout tfjs convolves in
      const x = randT([20, 28, 28, 1], 0, 1);
      const y = oneHot(20, 10);
      const k1 = tf.variable(randT([5, 5, 1, 8], -0.3, 0.3));
      const b1 = zeros(8);
      const k2 = tf.variable(randT([5, 5, 8, 16], -0.1, 0.1));
      const b2 = zeros(16);
      const out = dense(256, 10);
      const f = () => {
        let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D, 2, 2, 'valid');
        h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, k2 as tf.Tensor4D, 1, 'same'), b2)) as tf.Tensor4D, 3, 3, 'valid');
        return out.f(tf.reshape(h, [20, 256]));
      };
      return { batch: 20, step: train(0.01, [k1, b1, k2, b2, ...out.vars], () => tf.losses.softmaxCrossEntropy(y, f()) as tf.Scalar) };
    }
    case 'lstm':
    case 'lstmComposite': {
      const B = 16, T = 20, H = 32;
      const xs = Array.from({ length: T }, () => randT([B, 1]));
      const y = oneHot(B, 2);
      const Wx = glorot(r, 1, 4 * H);
      const Wh = glorot(r, H, 4 * H);
      const b = zeros(4 * H);
      const head = dense(H, 2);
      const f = () => {
        let h: tf.Tensor = tf.zeros([B, H]);
        let c: tf.Tensor = tf.zeros([B, H]);
        for (const x of xs) {
          const z = tf.add(tf.add(tf.matMul(x as tf.Tensor2D, Wx), tf.matMul(h as tf.Tensor2D, Wh)), b);
          const [zi, zf, zg, zo] = tf.split(z, 4, 1);
          c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
          h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
        }
        return head.f(h);
      };
      return { batch: B, step: train(0.1, [Wx, Wh, b, ...head.vars], () => tf.losses.softmaxCrossEntropy(y, f()) as tf.Scalar) };
    }
    case 'aeLayer': {
      const x = randT([64, 784], 0, 1);
      const enc = dense(784, 256);
      const dec = dense(256, 784);
      return { batch: 64, step: train(0.1, [...enc.vars, ...dec.vars], () => tf.losses.sigmoidCrossEntropy(x, dec.f(tf.sigmoid(enc.f(x)))) as tf.Scalar) };
    }
    case 'finetune': {
      const x = randT([64, 784], 0, 1);
      const y = oneHot(64, 10);
      const l1 = dense(784, 256);
      const l2 = dense(256, 128);
      const l3 = dense(128, 10);
      return { batch: 64, step: train(0.1, [...l1.vars, ...l2.vars, ...l3.vars], () => tf.losses.softmaxCrossEntropy(y, l3.f(tf.sigmoid(l2.f(tf.sigmoid(l1.f(x)))))) as tf.Scalar) };
    }
    case 'race': {
      // tanh RNN, LSTM and GRU (the engine's GRU form), 32 units, on one-hot symbols
      const B = 16, T = 20, H = 32, K = 4;
      const xs = Array.from({ length: T }, () => oneHot(B, K));
      const y = oneHot(B, K);
      const mm = (a: tf.Tensor, b: tf.Tensor) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D);
      const rnn = { Wx: glorot(r, K, H), Wh: glorot(r, H, H), b: zeros(H), head: dense(H, K) };
      const lstm = { Wx: glorot(r, K, 4 * H), Wh: glorot(r, H, 4 * H), b: zeros(4 * H), head: dense(H, K) };
      const gru = { Wx: glorot(r, K, 3 * H), Wzr: glorot(r, H, 2 * H), Wn: glorot(r, H, H), b: zeros(3 * H), head: dense(H, K) };
      const steps = [
        train(0.1, [rnn.Wx, rnn.Wh, rnn.b, ...rnn.head.vars], () => {
          let h: tf.Tensor = tf.zeros([B, H]);
          for (const x of xs) h = tf.tanh(tf.add(tf.add(mm(x, rnn.Wx), mm(h, rnn.Wh)), rnn.b));
          return tf.losses.softmaxCrossEntropy(y, rnn.head.f(h)) as tf.Scalar;
        }),
        train(0.1, [lstm.Wx, lstm.Wh, lstm.b, ...lstm.head.vars], () => {
          let h: tf.Tensor = tf.zeros([B, H]);
          let c: tf.Tensor = tf.zeros([B, H]);
          for (const x of xs) {
            const [zi, zf, zg, zo] = tf.split(tf.add(tf.add(mm(x, lstm.Wx), mm(h, lstm.Wh)), lstm.b), 4, 1);
            c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
            h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
          }
          return tf.losses.softmaxCrossEntropy(y, lstm.head.f(h)) as tf.Scalar;
        }),
        train(0.1, [gru.Wx, gru.Wzr, gru.Wn, gru.b, ...gru.head.vars], () => {
          let h: tf.Tensor = tf.zeros([B, H]);
          for (const x of xs) {
            const [xz, xr, xn] = tf.split(tf.add(mm(x, gru.Wx), gru.b), 3, 1);
            const [hz, hr] = tf.split(mm(h, gru.Wzr), 2, 1);
            const z = tf.sigmoid(tf.add(xz, hz));
            const rr = tf.sigmoid(tf.add(xr, hr));
            const n = tf.tanh(tf.add(xn, mm(tf.mul(rr, h), gru.Wn)));
            h = tf.add(h, tf.mul(z, tf.sub(n, h)));
          }
          return tf.losses.softmaxCrossEntropy(y, gru.head.f(h)) as tf.Scalar;
        }),
      ];
      return { batch: B, step: () => steps.forEach((s) => s()) };
    }
  }
}

export function tfjsMatmul(n: number): () => void {
  const r = seeded(2);
  const a = tf.tensor2d(Float32Array.from({ length: n * n }, () => r() * 2 - 1), [n, n]);
  const b = tf.tensor2d(Float32Array.from({ length: n * n }, () => r() * 2 - 1), [n, n]);
  // dataSync forces the work to finish inside the timed region
  return () => tf.tidy(() => void tf.matMul(a, b).dataSync());
}

export function disposeAll(): void {
  tf.disposeVariables();
}
