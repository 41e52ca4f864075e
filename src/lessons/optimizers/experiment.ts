/**
 * The optimizer race (runs in the worker): every enabled racer starts from the
 * same point of one analytic surface and takes one update per step. A racer
 * that diverges is stopped and flagged on its own (diverged_<name> = 1) while
 * the others keep running, so one bad learning rate never ends the race.
 */
import type { Surface } from '../../engine';
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import { Racer, type RacerSettings } from './model';
import { clampStart, distanceToMinimum, makeSurface } from './surface';
import { RACERS, STATE_LENGTH, TAIL, type OptimizersParams, type RaceFrame, type RacerName } from './types';

/** Racer r's hyper-parameters from the lesson's values, or null when r is switched off. */
export function racerSettings(p: OptimizersParams, r: RacerName): RacerSettings | null {
  const tau = p.schedule ? p.tau : undefined;
  switch (r) {
    case 'sgd':
      return p.on_sgd ? { lr: p.lr_sgd, tau } : null;
    case 'momentum':
      return p.on_momentum ? { lr: p.lr_momentum, momentum: p.gamma_momentum, tau } : null;
    case 'nesterov':
      return p.on_nesterov ? { lr: p.lr_nesterov, momentum: p.gamma_nesterov, tau } : null;
    case 'adagrad':
      return p.on_adagrad ? { lr: p.lr_adagrad, eps: p.eps_adagrad, tau } : null;
    case 'rmsprop':
      return p.on_rmsprop ? { lr: p.lr_rmsprop, decay: p.decay_rmsprop, eps: p.eps_rmsprop, tau } : null;
    case 'adam':
      return p.on_adam ? { lr: p.lr_adam, beta1: p.beta1_adam, beta2: p.beta2_adam, eps: p.eps_adam, tau } : null;
  }
}

/** The std of the gradient noise every racer sees: one example's sigma averaged over a mini-batch of B, sigma / sqrt(B). */
export function noiseStd(p: Pick<OptimizersParams, 'noise' | 'batch'>): number {
  return p.noise / Math.sqrt(p.batch);
}

/** What a racer's run adds up as it goes: the distance it travelled per coordinate and its last TAIL distances to the minimum. */
class Tally {
  travel: [number, number] = [0, 0];
  private readonly window: number[] = [];
  /** The racer's step count when last added. */
  private counted = 0;

  /** Adds the step just taken (a stopped racer adds nothing: it stays where it stopped). */
  add(r: Racer, surface: Surface): void {
    if (r.status !== 'running' || r.t === this.counted) return;
    this.counted = r.t;
    this.travel[0] += Math.abs(r.delta[0]);
    this.travel[1] += Math.abs(r.delta[1]);
    if (!surface.minima.length) return;
    const d = distanceToMinimum(surface, r.x, r.y);
    this.window.push(d);
    if (this.window.length > TAIL) this.window.shift();
  }

  /** Mean distance over the last TAIL steps taken (over all of them before the TAIL-th), or the distance now before the first. */
  meanDistance(r: Racer, surface: Surface): number {
    if (!this.window.length) return distanceToMinimum(surface, r.x, r.y);
    // summed afresh (a running sum of tiny distances drifts below zero)
    let sum = 0;
    for (const d of this.window) sum += d;
    return sum / this.window.length;
  }
}

export class Race implements Experiment<OptimizersParams> {
  readonly surface: Surface;
  readonly racers: Racer[];
  private readonly tallies: Tally[];
  private t = 0;

  constructor(readonly p: OptimizersParams) {
    this.surface = makeSurface(p.surface, p.kappa);
    const start = clampStart(this.surface, p.startX, p.startY);
    const noise = noiseStd(p);
    this.racers = RACERS.flatMap((r) => {
      const s = racerSettings(p, r);
      return s ? [new Racer(r, s, this.surface, start, noise, p.seed, p.tol)] : [];
    });
    this.tallies = this.racers.map(() => new Tally());
  }

  get done(): boolean {
    return this.t >= this.p.steps || this.racers.every((r) => r.status !== 'running');
  }

  get phase(): string {
    return this.done ? 'finished' : 'racing';
  }

  async step(): Promise<void> {
    for (let i = 0; i < this.racers.length; i++) {
      await this.racers[i].step();
      this.tallies[i].add(this.racers[i], this.surface);
    }
    this.t++;
  }

  /**
   * Per racer: loss_<r> (last loss inside the bound, always finite), diverged_<r>, escaped_<r>,
   * reached_<r> and stopped_<r> (steps; 0 = not yet), dist_<r> (to the nearest minimum, where
   * the surface has one), avgdist_<r> (its mean over the last TAIL steps), x_<r> and y_<r> (theta now),
   * travel_<r>_x|y (the distance travelled along each coordinate, the sum of |theta_{j,t} - theta_{j,t-1}|)
   * and step_<r>_x|y = |theta_{j,t} - theta_{j,t-1}| of the last step.
   */
  metrics(): Record<string, number> {
    const m: Record<string, number> = {};
    this.racers.forEach((r, i) => {
      const tally = this.tallies[i];
      m[`loss_${r.name}`] = r.loss;
      m[`diverged_${r.name}`] = r.status === 'diverged' ? 1 : 0;
      m[`escaped_${r.name}`] = r.status === 'escaped' ? 1 : 0;
      m[`reached_${r.name}`] = r.reachedAt;
      m[`stopped_${r.name}`] = r.stoppedAt;
      m[`x_${r.name}`] = r.x;
      m[`y_${r.name}`] = r.y;
      m[`travel_${r.name}_x`] = tally.travel[0];
      m[`travel_${r.name}_y`] = tally.travel[1];
      if (this.surface.minima.length) {
        m[`dist_${r.name}`] = distanceToMinimum(this.surface, r.x, r.y);
        m[`avgdist_${r.name}`] = tally.meanDistance(r, this.surface);
      }
      if (r.t > 0) {
        m[`step_${r.name}_x`] = Math.abs(r.delta[0]);
        m[`step_${r.name}_y`] = Math.abs(r.delta[1]);
      }
    });
    return m;
  }

  /** path_<r>: every point visited (x0, y0, x1, y1, ...); state_<r>: see STATE. */
  async frame(): Promise<Partial<RaceFrame>> {
    const out: Partial<RaceFrame> = {};
    for (const r of this.racers) {
      out[`path_${r.name}`] = Float32Array.from(r.path);
      const s = await r.state();
      const state = Float32Array.from([s.t, s.lr, ...s.theta, ...s.grad, ...s.delta, ...s.a, ...s.b]);
      if (state.length !== STATE_LENGTH) throw new Error(`racer state has ${state.length} numbers, STATE says ${STATE_LENGTH}`);
      out[`state_${r.name}`] = state;
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

/** Six 2-vectors: the cpu beats the GPU's dispatch cost under `auto`. */
export const autoBackend = 'cpu';

export const experiment: ExperimentFactory<OptimizersParams> = (p) => new Race(p);
