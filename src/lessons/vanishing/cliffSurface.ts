/** The cliff surface of the clipping view as plain math (the page draws its formula; the worker descends it). */
const sig = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * f(x, y) = 5 sigma(-2(x - 1)) + 10 sigma(10(x - 4)) + y^2 / 2: a plateau of height 5 for x << 1, a slope
 * down to a ravine near x = 3.3 (f about 0.06), and a cliff 10 high at x = 4 whose face has slope up to 25.
 */
export function cliffF(x: number, y: number): number {
  return 5 * sig(-2 * (x - 1)) + 10 * sig(10 * (x - 4)) + 0.5 * y * y;
}

/** The TeX of f, as the code computes it. */
export const CLIFF_TEX = String.raw`\begin{aligned} f(x,y) = {} & 5\,\sigma\big(-2(x-1)\big) \\ & + 10\,\sigma\big(10(x-4)\big) + \tfrac12 y^2 \end{aligned}`;

