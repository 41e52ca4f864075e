/** At most `max` evenly spaced points of (x, y), always keeping the last one: [x', y']. Long curves draw in constant time. */
export function thin(x: readonly number[], y: readonly number[], max = 300): [number[], number[]] {
  const n = Math.min(x.length, y.length);
  if (n <= max) return [x.slice(0, n), y.slice(0, n)];
  const xs: number[] = [];
  const ys: number[] = [];
  const stride = n / max;
  for (let k = 0; k < max; k++) {
    const i = Math.min(n - 1, Math.floor(k * stride));
    xs.push(x[i]);
    ys.push(y[i]);
  }
  xs.push(x[n - 1]);
  ys.push(y[n - 1]);
  return [xs, ys];
}
