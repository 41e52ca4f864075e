import { sameShape, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { reshape } from './reshape';
import { sum } from './sum';

/** Sums a broadcast gradient back down to `shape` (the vjp of broadcasting). */
export function unbroadcast(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    const d = i < lead ? 1 : shape[i - lead];
    if (i < lead || (d === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  return reshape(sum(g, axes, true), shape);
}
