/** Kept for existing imports: SGD lives with the other optimizers. */
export { SGD } from './optimizers';
