export * from './twoD';
export * from './sequence';
export * from './surfaces';
export * from './digits';
export * from './batches';
