/** Small helpers shared by the training proofs. */
import * as E from '../../src/engine';

/** Index of the largest entry in each row of a [rows, cols] array. */
export function argmaxRows(v: Float32Array, cols: number): Int32Array {
  const out = new Int32Array(v.length / cols);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (v[r * cols + c] > v[r * cols + best]) best = c;
    out[r] = best;
  }
  return out;
}

export function accuracy(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return ok / y.length;
}

/** One optimizer step on loss(): returns the loss value. */
export function trainStep(opt: E.Optimizer, params: E.Tensor[], loss: () => E.Tensor): number {
  return E.tidy(() => {
    const { loss: L, grads } = E.valueAndGrad(loss, params);
    opt.step(params, grads);
    return L.item();
  });
}
