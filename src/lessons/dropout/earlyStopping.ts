/**
 * Early stopping (Goodfellow et al. 2016, §7.8; Bengio 2012): remember the step with the
 * lowest validation loss; stop once `patience` steps pass without a new best.
 */
export class EarlyStopping {
  best = Infinity;
  bestStep = 0;
  constructor(readonly patience: number) {}

  /** Feeds the validation loss of step t; says whether it is a new best and whether to stop now. */
  update(t: number, valLoss: number): { improved: boolean; stop: boolean } {
    if (valLoss < this.best) {
      this.best = valLoss;
      this.bestStep = t;
      return { improved: true, stop: false };
    }
    return { improved: false, stop: t - this.bestStep >= this.patience };
  }
}
