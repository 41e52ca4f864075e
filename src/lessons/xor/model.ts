/**
 * The XOR models of Goodfellow 6.1, written with the engine: the linear model
 * f(x) = x^T w + b and the one-hidden-layer net f(x) = w^T g(W^T x + c) + b,
 * both fit with MSE on the four points.
 */
import { Dense, activations, keep, mse, tensor, type ActivationName, Rng, type Tensor } from '../../engine';

import { XOR_X, XOR_Y } from './types';
export { XOR_X, XOR_Y };

export interface XorNet {
  /** Hidden activations h = g(W^T x + c), [n, hidden]; null for the linear model. */
  hidden(x: Tensor): Tensor | null;
  forward(x: Tensor): Tensor;
  params(): Tensor[];
  dispose(): void;
}

export function linearModel(rng: Rng): XorNet {
  const out = new Dense(2, 1, rng, 'uniform');
  return {
    hidden: () => null,
    forward: (x) => out.forward(x),
    params: () => out.params(),
    dispose: () => out.dispose(),
  };
}

export function mlp(hiddenUnits: number, activation: ActivationName, rng: Rng): XorNet {
  const l1 = new Dense(2, hiddenUnits, rng, 'glorot-uniform');
  const l2 = new Dense(hiddenUnits, 1, rng, 'glorot-uniform');
  const g = activations[activation].fn;
  return {
    hidden: (x) => g(l1.forward(x)),
    forward: (x) => l2.forward(g(l1.forward(x))),
    params: () => [...l1.params(), ...l2.params()],
    dispose: () => {
      l1.dispose();
      l2.dispose();
    },
  };
}

/** Goodfellow's hand-set solution: W = [[1,1],[1,1]], c = [0,-1], w = [1,-2], b = 0 (ReLU). */
export function handSetNet(): XorNet {
  const net = mlp(2, 'relu', new Rng(0));
  const [W, c, w, b] = net.params();
  setValues(W, [1, 1, 1, 1]);
  setValues(c, [0, -1]);
  setValues(w, [1, -2]);
  setValues(b, [0]);
  return net;
}

function setValues(t: Tensor, v: number[]): void {
  t.backend.write(t.storage, Float32Array.from(v));
}

/** Inputs x (row-major [n, 2]) and targets y ([n]) as kept tensors: the four XOR points unless a set is given. */
export function xorData(x: ArrayLike<number> = XOR_X, y: ArrayLike<number> = XOR_Y): { x: Tensor; y: Tensor } {
  return { x: keep(tensor(Array.from(x), [y.length, 2])), y: keep(tensor(Array.from(y), [y.length, 1])) };
}

export function xorLoss(net: XorNet, x: Tensor, y: Tensor): Tensor {
  return mse(net.forward(x), y);
}
