/** The engine's public surface: tensors, ops, autodiff, layers, optimizers. */
export * from './engine';
export * from './ops';
export { Tensor } from './tensor';
export { gradients, valueAndGrad } from './autodiff';
export { Rng } from './rng';
export { initWeights, type InitName } from './init';
export { Dense } from './nn/dense';
export { activations, type ActivationName } from './nn/activations';
export { mse, bceWithLogits, mseTex, bceTex } from './nn/losses';
export { SGD } from './optim/sgd';
export type { Backend, BackendName } from './backend';
export { cpuBackend } from './backends/cpu';
