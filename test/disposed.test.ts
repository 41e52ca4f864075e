import { describe, expect, it } from 'vitest';
import * as E from '../src/engine';

// A disposed tensor's storage is back in the pool and soon holds another
// tensor's values: every read of it must fail loudly instead.
describe('a disposed tensor cannot be read or used', () => {
  it('.values, item(), read(), an op and assign() all throw a clear error', async () => {
    const x = E.tensor([1, 2, 3], [3]);
    const id = x.id;
    x.dispose();
    // the pool hands its array to the next tensor of that size
    const y = E.tensor([7, 8, 9], [3]);
    const msg = new RegExp(`tensor ${id} \\(shape \\[3\\]\\): it was disposed`);
    expect(() => x.values).toThrow(/cannot read \.values of tensor/);
    expect(() => x.values).toThrow(msg);
    expect(() => x.item()).toThrow(msg);
    await expect(x.read()).rejects.toThrow(msg);
    expect(() => E.add(x, 1)).toThrow(/cannot use in add\(\) tensor .*disposed/);
    expect(() => E.assign(y, x)).toThrow(/cannot assign\(\) from tensor/);
    expect(() => E.assign(x, y)).toThrow(/cannot assign\(\) into tensor/);
    expect(Array.from(y.values)).toEqual([7, 8, 9]);
    y.dispose();
  });
  it('a tensor made inside tidy() and not returned is disposed when the scope ends', () => {
    let inner: E.Tensor | null = null;
    const kept = E.tidy(() => {
      inner = E.mul(E.tensor([1, 2], [2]), 2);
      return E.add(inner, 1);
    });
    expect(Array.from(kept.values)).toEqual([3, 5]);
    expect(() => inner!.values).toThrow(/it was disposed \(by tidy\(\) or dispose\(\)\)/);
    kept.dispose();
  });
});
