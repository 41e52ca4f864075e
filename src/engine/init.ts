/** Weight initializers (Bengio 2012, Practical recommendations; Glorot & Bengio 2010; He et al. 2015). */
import type { Rng } from './rng';

export type InitName = 'zeros' | 'uniform' | 'glorot-uniform' | 'glorot-normal' | 'he';

/**
 * Fills a [fanIn, fanOut] weight matrix.
 * uniform: U[-1/sqrt(fan_in), 1/sqrt(fan_in)] (the "naive" rule);
 * glorot-uniform: U[-sqrt(6/(fan_in+fan_out)), +...] so Var = 2/(fan_in+fan_out);
 * glorot-normal: N(0, 2/(fan_in+fan_out)); he: N(0, 2/fan_in). `scale` multiplies all.
 */
export function initWeights(name: InitName, fanIn: number, fanOut: number, rng: Rng, scale = 1, count = fanIn * fanOut): Float32Array {
  const w = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let v: number;
    switch (name) {
      case 'zeros':
        v = 0;
        break;
      case 'uniform': {
        const r = 1 / Math.sqrt(fanIn);
        v = rng.uniform(-r, r);
        break;
      }
      case 'glorot-uniform': {
        const r = Math.sqrt(6 / (fanIn + fanOut));
        v = rng.uniform(-r, r);
        break;
      }
      case 'glorot-normal':
        v = rng.normal() * Math.sqrt(2 / (fanIn + fanOut));
        break;
      case 'he':
        v = rng.normal() * Math.sqrt(2 / fanIn);
        break;
    }
    w[i] = v * scale;
  }
  return w;
}
