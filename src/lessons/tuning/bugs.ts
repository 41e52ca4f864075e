/**
 * The planted bugs of the gradient-checking scene: a layer whose forward pass
 * is right and whose vector-Jacobian product is wrong, built from the engine's
 * own ops with stopGradient (the engine itself is never touched). Each trick
 * keeps the forward value bit for bit: x − stopGradient(x) is exactly 0.
 */
import { add, matmul, mul, stopGradient, sub, tanh, type Tensor } from '../../engine';

/** Forward x exactly; gradient k times the true one: sg(x) + k (x − sg(x)). */
export function scaledGrad(x: Tensor, k: number): Tensor {
  return add(stopGradient(x), mul(sub(x, stopGradient(x)), k));
}

/** Forward f exactly; the gradient wrt `a` is `d` ⊙ the incoming one (d taken as a constant): sg(f) + sg(d) ⊙ (a − sg(a)). */
export function withDerivative(f: Tensor, a: Tensor, d: Tensor): Tensor {
  return add(stopGradient(f), mul(stopGradient(d), sub(a, stopGradient(a))));
}

export const BUGS = ['none', 'sign', 'bias', 'batch', 'activation'] as const;
export type Bug = (typeof BUGS)[number];

/** What each bug gets wrong, and in which layer (1 = the bottom) it is planted. */
export const BUG_INFO: Record<Exclude<Bug, 'none'>, { layer: number; label: string }> = {
  sign: { layer: 3, label: 'sign flipped in ∂L/∂W of layer 3' },
  bias: { layer: 2, label: 'no bias gradient in layer 2' },
  batch: { layer: 1, label: 'layer 1’s gradient not divided by the batch size' },
  activation: { layer: 2, label: 'tanh′ taken as 1 − h instead of 1 − h² in layer 2' },
};

/** x W + b of layer `layer` (1-based) with `bug` planted where it belongs; the true rule elsewhere. */
export function dense(x: Tensor, W: Tensor, b: Tensor, layer: number, bug: Bug): Tensor {
  const here = bug !== 'none' && BUG_INFO[bug].layer === layer;
  if (here && bug === 'sign') return add(matmul(x, scaledGrad(W, -1)), b);
  if (here && bug === 'bias') return add(matmul(x, W), scaledGrad(b, 0));
  // the batch mean's 1/B forgotten: B times the true gradient of this layer's weights and bias
  if (here && bug === 'batch') return add(matmul(x, scaledGrad(W, x.shape[0])), scaledGrad(b, x.shape[0]));
  return add(matmul(x, W), b);
}

/** tanh(a) of hidden layer `layer`, with the wrong derivative 1 − h (not 1 − h²) where the activation bug is planted. */
export function activation(a: Tensor, layer: number, bug: Bug): Tensor {
  const h = tanh(a);
  if (bug !== 'activation' || BUG_INFO.activation.layer !== layer) return h;
  return withDerivative(h, a, sub(1, h));
}
