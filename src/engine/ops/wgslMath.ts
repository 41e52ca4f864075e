/**
 * WGSL text for the activations, shared by the elementwise kernels and the
 * fused recurrent cells so that every kernel computes them the way the cpu does.
 */

/**
 * tanh as the cpu kernel computes it, sign(a) (1 - 2 / (e^{2|a|} + 1)), from
 * |a| = 0.5 up: a saturated unit's 1 - y^2 lives in the last bits of y, and a
 * platform tanh one ulp away changes it by up to 100% (the backends then part
 * ways within a few steps of a saturated net). Below 0.5 the built-in tanh,
 * where that formula would cancel.
 */
export const wgslTanh = (a: string): string =>
  `select(tanh(${a}), sign(${a}) * (1.0 - 2.0 / (exp(2.0 * min(abs(${a}), 15.0)) + 1.0)), abs(${a}) >= 0.5)`;

/** The cpu's two-branch sigmoid: exp never overflows. */
export const wgslSigmoid = (a: string): string => `select(exp(${a}) / (1.0 + exp(${a})), 1.0 / (1.0 + exp(-${a})), ${a} >= 0.0)`;

/** `sig` and `th` as WGSL functions, for kernels that call them many times. */
export const WGSL_ACTIVATION_FNS = `fn sig(v: f32) -> f32 { return ${wgslSigmoid('v')}; }\nfn th(v: f32) -> f32 { return ${wgslTanh('v')}; }\n`;
