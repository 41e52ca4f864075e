/** Learning-rate schedules: functions of the step count t = 1, 2, ... */
export type Schedule = (t: number) => number;

/** eps_t = eps0. */
export function constant(eps0: number): Schedule {
  return () => eps0;
}

/** eps_t = eps0 tau / max(t, tau): constant for tau steps, then decays as 1/t (Bengio 2012, Practical recommendations). */
export function inverseTime(eps0: number, tau: number): Schedule {
  return (t) => (eps0 * tau) / Math.max(t, tau);
}
export const inverseTimeTex = String.raw`\epsilon_t = \frac{\epsilon_0 \tau}{\max(t, \tau)}`;

/** eps_t = eps0 factor^floor((t - 1) / every): multiplied by `factor` every `every` steps. */
export function stepDecay(eps0: number, factor: number, every: number): Schedule {
  return (t) => eps0 * Math.pow(factor, Math.floor((t - 1) / every));
}

export const schedules = { constant, inverseTime, stepDecay };
