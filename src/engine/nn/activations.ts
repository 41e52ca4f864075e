/** Activations paired with the formula the page shows (as tensorflow/playground pairs f with f'). */
import { leakyRelu, relu, sigmoid, softmax, tanh } from '../ops';
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
  leakyRelu: {
    name: 'leakyRelu',
    fn: (x: Tensor) => leakyRelu(x, 0.01),
    tex: String.raw`\mathrm{lrelu}(z) = \max\{0.01\,z, z\}`,
  },
  softmax: {
    name: 'softmax',
    fn: (x: Tensor) => softmax(x, -1),
    tex: String.raw`\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`,
  },
  linear: { name: 'linear', fn: (x: Tensor) => x, tex: String.raw`g(z) = z` },
} satisfies Record<string, Activation>;

export type ActivationName = keyof typeof activations;
