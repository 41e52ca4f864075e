/** Activations paired with the formula the page shows (as tensorflow/playground pairs f with f'). */
import { relu, sigmoid, tanh } from '../ops';
import type { Tensor } from '../tensor';

export interface Activation {
  name: string;
  fn: (x: Tensor) => Tensor;
  tex: string;
}

export const activations = {
  relu: { name: 'relu', fn: relu, tex: String.raw`\mathrm{relu}(z) = \max\{0, z\}` },
  tanh: { name: 'tanh', fn: tanh, tex: String.raw`\tanh(z) = \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}` },
  sigmoid: { name: 'sigmoid', fn: sigmoid, tex: String.raw`\sigma(z) = \frac{1}{1+e^{-z}}` },
  linear: { name: 'linear', fn: (x: Tensor) => x, tex: String.raw`g(z) = z` },
} satisfies Record<string, Activation>;

export type ActivationName = keyof typeof activations;
