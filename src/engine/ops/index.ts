/**
 * The ops: the registry and every op module's exports (registry.ts, generated
 * from the op modules), and the composites, which are functions of ops and
 * not ops themselves.
 */
export * from './registry';
export { mean, square } from './composite';
export { softmax, logSoftmax } from './softmax';
