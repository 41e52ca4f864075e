/** The engine's public surface: tensors, ops, autodiff, layers, optimizers. */
export * from './engine';
export * from './ops';
export { Tensor } from './tensor';
export { gradients, valueAndGrad } from './autodiff';
export { Rng } from './rng';
export { initWeights, type InitName } from './init';
export { Dense } from './nn/dense';
export { Conv2D, MaxPool2D, AvgPool2D } from './nn/conv';
export { Dropout } from './nn/dropout';
export { RNN, LSTM, GRU, unstack, rnnTex, lstmTex, gruTex, type RnnOutput, type RnnOptions } from './nn/rnn';
export { AutoEncoder, corrupt, type AutoEncoderOptions } from './nn/autoencoder';
export { Sequential, Flatten, Fn, type Layer } from './nn/sequential';
export { l2Norm, gradNorms, globalNorm, activationStats, histogram, zeroFraction, type ActivationStats } from './nn/stats';
export { activations, type Activation, type ActivationName } from './nn/activations';
export { mse, bceWithLogits, bce, softmaxCrossEntropy, oneHot, mseTex, bceTex, softmaxCrossEntropyTex } from './nn/losses';
export * from './optim';
export type { Backend, BackendName } from './backend';
export { cpuBackend } from './backends/cpu';
