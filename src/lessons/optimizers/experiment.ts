/**
 * The optimizer race (runs in the worker): every enabled racer starts from the
 * same point of one analytic surface and takes one update per step. A racer
 * that diverges is stopped and flagged on its own (diverged_<name> = 1) while
 * the others keep running, so one bad learning rate never ends the race.
 */
import { data, type Surface } from '../../engine';
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import type { FrameData, ParamValues } from '../../engine/worker/protocol';
import { SURFACES, type SurfaceName } from './meta';
import { RACERS, Racer, type RacerName, type RacerSettings } from './racer';

export interface RaceParams {
  surface: SurfaceName;
  kappa: number;
  start: [number, number];
  noise: number;
  schedule: boolean;
  tau: number;
  steps: number;
  tol: number;
  seed: number;
  /** Settings of the enabled racers only. */
  racers: Partial<Record<RacerName, RacerSettings>>;
}

/** The surface a name stands for; the quadratic takes its condition number kappa. */
export function makeSurface(name: SurfaceName, kappa = 10): Surface {
  return name === 'quadratic' ? data.quadratic(kappa) : data.surfaces[name];
}

/** A start point clamped into the surface's view window (a link may carry one from another surface). */
export function clampStart(s: Surface, x: number, y: number): [number, number] {
  const c = (v: number, [lo, hi]: [number, number]) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : (lo + hi) / 2);
  return [c(x, s.domain.x), c(y, s.domain.y)];
}

/** Reads the race's settings from the lesson params (missing values take the schema's defaults). */
export function readParams(v: ParamValues): RaceParams {
  const n = (k: string, d: number) => (v[k] === undefined ? d : Number(v[k]));
  const surface = (SURFACES as readonly string[]).includes(String(v.surface)) ? (v.surface as SurfaceName) : 'quadratic';
  const schedule = v.schedule === true;
  const tau = n('tau', 50);
  const racers: RaceParams['racers'] = {};
  for (const r of RACERS) {
    if (v[`on_${r}`] === false) continue;
    racers[r] = {
      lr: n(`lr_${r}`, 0.01),
      momentum: n(`gamma_${r}`, 0.9),
      decay: n(`decay_${r}`, 0.9),
      beta1: n(`beta1_${r}`, 0.9),
      beta2: n(`beta2_${r}`, 0.999),
      eps: n(`eps_${r}`, 1e-8),
      tau: schedule ? tau : undefined,
    };
  }
  return {
    surface,
    kappa: n('kappa', 50),
    start: [n('startX', -1.8), n('startY', 0.6)],
    noise: n('noise', 0),
    schedule,
    tau,
    steps: n('steps', 600),
    tol: n('tol', 0.01),
    seed: n('seed', 1),
    racers,
  };
}

/** Indices into each racer's `state_<name>` frame array. */
export const STATE = { t: 0, lr: 1, x: 2, y: 3, gx: 4, gy: 5, a0: 6, a1: 7, b0: 8, b1: 9 } as const;

export class Race implements Experiment {
  readonly surface: Surface;
  readonly racers: Racer[];
  private t = 0;

  constructor(readonly p: RaceParams) {
    this.surface = makeSurface(p.surface, p.kappa);
    const start = clampStart(this.surface, p.start[0], p.start[1]);
    this.racers = RACERS.filter((r) => p.racers[r]).map((r) => new Racer(r, p.racers[r]!, this.surface, start, p.noise, p.seed, p.tol));
  }

  get done(): boolean {
    return this.t >= this.p.steps || this.racers.every((r) => r.status !== 'running');
  }

  get phase(): string {
    return this.done ? 'finished' : 'racing';
  }

  async step(): Promise<void> {
    for (const r of this.racers) await r.step();
    this.t++;
  }

  /** Per racer: loss_<r> (last loss inside the bound, always finite), diverged_<r>, escaped_<r>, reached_<r> and stopped_<r> (steps; 0 = not yet), eta_<r>_x|y. */
  async metrics(): Promise<Record<string, number>> {
    const m: Record<string, number> = {};
    for (const r of this.racers) {
      m[`loss_${r.name}`] = r.loss;
      m[`diverged_${r.name}`] = r.status === 'diverged' ? 1 : 0;
      m[`escaped_${r.name}`] = r.status === 'escaped' ? 1 : 0;
      m[`reached_${r.name}`] = r.reachedAt;
      m[`stopped_${r.name}`] = r.stoppedAt;
      if (r.t > 0) {
        // before the first step AdaGrad's G is 0 and alpha / sqrt(eps) is no step anyone takes
        const [ex, ey] = await r.effectiveStep();
        m[`eta_${r.name}_x`] = ex;
        m[`eta_${r.name}_y`] = ey;
      }
    }
    return m;
  }

  /** path_<r>: every point visited (x0, y0, x1, y1, ...); state_<r>: see STATE. */
  async frame(): Promise<FrameData> {
    const out: FrameData = {};
    for (const r of this.racers) {
      out[`path_${r.name}`] = Float32Array.from(r.path);
      const s = await r.state();
      out[`state_${r.name}`] = Float32Array.from([s.t, s.lr, ...s.theta, ...s.grad, ...s.a, ...s.b]);
    }
    return out;
  }

  /** Every change starts a new race from the (possibly new) start point. */
  setParams(): boolean {
    return false;
  }

  dispose(): void {
    for (const r of this.racers) r.dispose();
  }
}

export const experiment: ExperimentFactory = (values) => new Race(readParams(values));
