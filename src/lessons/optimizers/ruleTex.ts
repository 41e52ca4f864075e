/**
 * The race's seven update equations in one notation (no React, so the tests
 * read them): step t takes theta_{t-1} to theta_t with the rate alpha_t and the
 * gradient g_t = g(theta_{t-1}) the racer is handed, as the engine's
 * optimizers (src/engine/optim/optimizers.ts) run them; the tests check the
 * engine's steps against these rules written out by hand.
 */
import type { RacerName } from './types';

/**
 * The rule each racer runs (src/engine/optim/optimizers.ts), step t from theta_{t-1} to theta_t. Momentum's
 * gamma (theta_{t-1} - theta_{t-2}) is the velocity v_{t-1} the engine stores; Adam's v_t is its second moment.
 */
export const RULES: Record<RacerName, string> = {
  sgd: String.raw`\theta_t = \theta_{t-1} - \alpha_t\, g_t`,
  momentum: String.raw`\theta_t = \theta_{t-1} - \alpha_t\, g_t + \gamma\,(\theta_{t-1} - \theta_{t-2})`,
  nesterov: String.raw`v_t = \gamma v_{t-1} - \alpha_t\, g_t,\quad \theta_t = \theta_{t-1} + \gamma v_t - \alpha_t\, g_t`,
  adagrad: String.raw`G_{j,t} = G_{j,t-1} + g_{j,t}^2,\quad \theta_{j,t} = \theta_{j,t-1} - \frac{\alpha_t}{\sqrt{G_{j,t} + \varepsilon}}\, g_{j,t}`,
  rmsprop: String.raw`G_{j,t} = \gamma G_{j,t-1} + (1-\gamma)\, g_{j,t}^2,\quad \theta_{j,t} = \theta_{j,t-1} - \frac{\alpha_t}{\sqrt{G_{j,t} + \varepsilon}}\, g_{j,t}`,
  adam: String.raw`\begin{aligned} m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\ \hat m_t &= \frac{m_t}{1-\beta_1^t},\quad \hat v_t = \frac{v_t}{1-\beta_2^t},\quad \theta_t = \theta_{t-1} - \alpha_t \frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon} \end{aligned}`,
};

/** What every rule's symbols stand for. */
export const NOTATION_TEX = String.raw`g_t = g(\theta_{t-1}),\quad \alpha_t = \alpha \text{ (each racer's learning rate)}`;
/** The 1/t schedule (Bengio 2012), in the rules' notation: alpha held for tau steps, then decaying like 1/t. */
export const SCHEDULE_TEX = String.raw`\alpha_t = \frac{\alpha\, \tau}{\max(t, \tau)}`;

