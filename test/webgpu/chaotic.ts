/**
 * Scenes whose training amplifies float rounding so fast that two correct
 * backends part ways within one update. Their parity is checked at the
 * initial weights (forward and backward, every kernel of the scene) and for
 * finite values after the steps, not for equal values after them.
 */
export const CHAOTIC_SCENES: Record<string, Record<number, string>> = {
  batchnorm: {
    4: 'batch norm over 2 examples: x̂ = d/√(d²+ε) amplifies rounding when the two values are close, and a step is 16 such updates',
  },
  vanishing: {
    // scene 2, "Saturated units": tanh, Glorot x10, depth 10, lr 0.5. Measured on Dawn: the gradient norms at
    // the initial weights agree within about 1e-3 (saturated units' sech^2 x is that sensitive to x), then one update
    // of norm ~250 x 0.5 turns that into losses of 5.47 (cpu) and 6.53 (webgpu).
    1: 'one update of lr 0.5 on gradients of norm ~250 turns a 1e-3 rounding difference into a 20% loss difference',
  },
};

/** The reason a scene (0-based) is compared at its initial weights only, or undefined. */
export function chaoticReason(lesson: string, scene: number): string | undefined {
  return CHAOTIC_SCENES[lesson]?.[scene];
}

/** Metrics that measure time or speed, not the model: they differ between backends by nature and are not compared. */
export const TIMING_METRIC = /time|sec|eta|elapsed|rate_hz/i;
