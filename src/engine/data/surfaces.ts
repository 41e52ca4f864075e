/**
 * Analytic 2-D loss surfaces for the optimizer race, each with its value,
 * gradient, minima and a view window (Goodfellow 8.2, 8.3, 4.3).
 */
export interface Surface {
  name: string;
  tex: string;
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
  /** Global minima (the saddle has none; see `saddles`). */
  minima: [number, number][];
  saddles?: [number, number][];
  domain: { x: [number, number]; y: [number, number] };
  /** A start point that shows the surface's difficulty. */
  start: [number, number];
}

/** f = (x^2 + kappa y^2) / 2: Hessian diag(1, kappa), condition number kappa. */
export function quadratic(kappa = 10): Surface {
  return {
    name: 'quadratic',
    tex: String.raw`f(x,y) = \tfrac12 (x^2 + ${kappa} y^2)`,
    f: (x, y) => 0.5 * (x * x + kappa * y * y),
    grad: (x, y) => [x, kappa * y],
    minima: [[0, 0]],
    domain: { x: [-2, 2], y: [-2, 2] },
    start: [-1.8, 0.6],
  };
}

export const rosenbrock: Surface = {
  name: 'rosenbrock',
  tex: String.raw`f(x,y) = (1-x)^2 + 100 (y - x^2)^2`,
  f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  minima: [[1, 1]],
  domain: { x: [-2, 2], y: [-1, 3] },
  start: [-1.5, 2],
};

export const saddle: Surface = {
  name: 'saddle',
  tex: String.raw`f(x,y) = x^2 - y^2`,
  f: (x, y) => x * x - y * y,
  grad: (x, y) => [2 * x, -2 * y],
  minima: [],
  saddles: [[0, 0]],
  domain: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
  start: [-1.4, 1e-3],
};

export const beale: Surface = {
  name: 'beale',
  tex: String.raw`f(x,y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2`,
  f: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
  grad: (x, y) => {
    const a = 1.5 - x + x * y;
    const b = 2.25 - x + x * y * y;
    const c = 2.625 - x + x * y ** 3;
    return [2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1), 2 * a * x + 4 * b * x * y + 6 * c * x * y * y];
  },
  minima: [[3, 0.5]],
  domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  start: [1, 1.5],
};

export const himmelblau: Surface = {
  name: 'himmelblau',
  tex: String.raw`f(x,y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2`,
  f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  grad: (x, y) => {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    return [4 * a * x + 2 * b, 2 * a + 4 * b * y];
  },
  minima: [
    [3, 2],
    [-2.805118, 3.131312],
    [-3.77931, -3.283186],
    [3.584428, -1.848126],
  ],
  domain: { x: [-5, 5], y: [-5, 5] },
  start: [0, 0],
};

const sig = (z: number) => 1 / (1 + Math.exp(-z));
/**
 * A cliff (Goodfellow fig. 8.3): a high plateau for x < 0 drops by 10 within
 * |x| < 0.3, where the gradient is about 25 and an unclipped step flies far past
 * the gentle valley whose minimum is near (4, 0).
 */
export const cliff: Surface = {
  name: 'cliff',
  tex: String.raw`f(x,y) = 10\,\sigma(-10x) + 0.02 (x-4)^2 + \tfrac12 y^2`,
  f: (x, y) => 10 * sig(-10 * x) + 0.02 * (x - 4) ** 2 + 0.5 * y * y,
  grad: (x, y) => {
    const s = sig(-10 * x);
    return [-100 * s * (1 - s) + 0.04 * (x - 4), y];
  },
  minima: [[4, 0]],
  domain: { x: [-3, 8], y: [-3, 3] },
  start: [-2, 1],
};

export const surfaces: Record<string, Surface> = {
  quadratic: quadratic(10),
  rosenbrock,
  saddle,
  beale,
  himmelblau,
  cliff,
};

/** The gradient plus Gaussian noise of std `sigma` (a stand-in for a small mini-batch). */
export function noisyGrad(s: Surface, x: number, y: number, sigma: number, normal: () => number): [number, number] {
  const [gx, gy] = s.grad(x, y);
  return [gx + sigma * normal(), gy + sigma * normal()];
}
