/** The race's surfaces by name and the start-point clamp, shared by the experiment and the page. */
import { data, type Surface } from '../../engine';
import type { SurfaceName } from './types';

/** The surface a name stands for; the quadratic takes its condition number kappa. */
export function makeSurface(name: SurfaceName, kappa = 10): Surface {
  return name === 'quadratic' ? data.quadratic(kappa) : data.surfaces[name];
}

/** A start point clamped into the surface's view window (a link may carry one from another surface). */
export function clampStart(s: Surface, x: number, y: number): [number, number] {
  const c = (v: number, [lo, hi]: [number, number]) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : (lo + hi) / 2);
  return [c(x, s.domain.x), c(y, s.domain.y)];
}

/** Distance from (x, y) to the nearest minimum of s (NaN on a surface with none). */
export function distanceToMinimum(s: Surface, x: number, y: number): number {
  if (!s.minima.length) return NaN;
  return Math.min(...s.minima.map(([mx, my]) => Math.hypot(x - mx, y - my)));
}
