export { Optimizer, type OptimizerOptions } from './optimizer';
export * from './optimizers';
export * from './schedules';
export { clipByGlobalNorm, clipByValue } from './clip';
