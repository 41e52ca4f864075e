/**
 * Each racer's update rule as the engine's optimizer runs it (ruleTex.ts: the
 * six rules and the schedule in one notation), with the racer's live state at
 * the current step (a kit LiveEquation: typeset once, numbers rewritten in
 * place), and where the course or a paper writes the rule differently, a note
 * on how the two line up.
 */
import type { ReactNode } from 'react';
import { Equation } from '../../ui/Equation';
import { LiveEquation } from '../../ui/LiveEquation';
import { useStore, type State } from '../../ui/store';
import { NOTATION_TEX, RULES, SCHEDULE_TEX } from './ruleTex';
import { RACER_COLORS } from './style';
import { RACER_LABELS, STATE, STATE_LENGTH, type RacerName } from './types';
import { useEnabled } from './Views';

const pair = (a: string, b: string) => String.raw`(\slot{${a}},\ \slot{${b}})`;

/** The live values' TeX for racer r, one part per quantity, so they wrap on narrow screens. */
export function liveParts(r: RacerName): string[] {
  const parts = [
    String.raw`t = \slot{t}`,
    String.raw`\alpha_t = \slot{lr}`,
    String.raw`\theta_t = ${pair('x', 'y')}`,
    String.raw`g_t = ${pair('gx', 'gy')}`,
    String.raw`\theta_t - \theta_{t-1} = ${pair('dx', 'dy')}`,
  ];
  if (r === 'nesterov') parts.push(String.raw`v_t = ${pair('a0', 'a1')}`);
  if (r === 'adagrad' || r === 'rmsprop') parts.push(String.raw`G_{j,t}\ (\text{Martins et al.: } G_{j,t-1}) = ${pair('a0', 'a1')}`);
  if (r === 'adam') parts.push(String.raw`\hat m_t = ${pair('a0', 'a1')}`, String.raw`\hat v_t = ${pair('b0', 'b1')}`);
  return parts;
}

/** Racer r's slot values from its frame state (see STATE), or null before its first frame. */
export function liveValues(s: ArrayLike<number> | undefined): Record<string, number> | null {
  if (!s || s.length < STATE_LENGTH) return null;
  const v: Record<string, number> = {};
  for (const [k, i] of Object.entries(STATE)) v[k] = s[i];
  return v;
}

const readers = Object.fromEntries(
  (Object.keys(RULES) as RacerName[]).map((r) => [r, (st: State) => liveValues(st.frame?.[`state_${r}`] as ArrayLike<number> | undefined)]),
) as Record<RacerName, (st: State) => Record<string, number> | null>;

/** Where a rule on screen meets its source: the course's indices, or the paper it comes from. */
const NOTES: Partial<Record<RacerName, ReactNode>> = {
  nesterov: (
    <>
      Nesterov momentum is not in Martins, Zerva & Figueiredo’s Neural Networks II: this is the form of Sutskever et al. (2013) (Goodfellow et al., Algorithm 8.3, rewritten to need only the
      gradient at the point it stores). The point it stores, and the one plotted, is the look-ahead θ + γv of Algorithm 8.3, where that algorithm evaluates its
      gradient.
    </>
  ),
  adagrad: (
    <>
      Martins, Zerva & Figueiredo (Neural Networks II, after Duchi et al. 2011) index the same rule as{' '}
      <Equation display={false} tex={String.raw`\theta_{j,t} = \theta_{j,t-1} - \frac{\alpha}{\sqrt{G_{j,t-1}+\varepsilon}}\, g_j(\theta_{t-1}),\ G_{j,t} = G_{j,t-1} + g_j(\theta_t)^2`} />:
      their G<sub>j,t−1</sub> already holds g<sub>j</sub>(θ<sub>t−1</sub>)², which is g<sub>j,t</sub>² here, so the G<sub>j,t</sub> above is their
      G<sub>j,t−1</sub> and the steps are the same.
    </>
  ),
  rmsprop: (
    <>
      Martins, Zerva & Figueiredo write the same rule with their indices,{' '}
      <Equation display={false} tex={String.raw`\theta_{j,t} = \theta_{j,t-1} - \frac{\alpha}{\sqrt{G_{j,t-1}+\varepsilon}}\, g_j(\theta_{t-1}),\ G_{j,t} = \gamma G_{j,t-1} + (1-\gamma)\, g_j(\theta_t)^2`} />:
      the G<sub>j,t</sub> above is their G<sub>j,t−1</sub>, which already includes the current gradient.
    </>
  ),
  adam: (
    <>
      This is Algorithm 1 of Kingma & Ba (2015), with g<sub>t</sub> the gradient at θ<sub>t−1</sub> as there. The slide of Martins, Zerva & Figueiredo puts
      ε inside the root, √(v̂<sub>t</sub> + ε); this code, like the paper, PyTorch, Keras and TensorFlow.js, adds it after the root.
    </>
  ),
};

export function LiveRules() {
  const enabled = useEnabled();
  const schedule = useStore((s) => s.params.schedule === true);
  const tau = useStore((s) => s.params.tau);
  return (
    <section className="live-rules" aria-label="Update rules with their live values">
      {schedule ? <Equation tex={String.raw`${SCHEDULE_TEX},\quad \tau = ${Number(tau)},\quad g_t = g(\theta_{t-1})`} /> : <Equation tex={NOTATION_TEX} />}
      {enabled.map((r) => (
        <div key={r} className="rule" data-rule={r}>
          <h3>
            <span className="swatch" style={{ background: RACER_COLORS[r] }} />
            {RACER_LABELS[r]}
          </h3>
          <Equation tex={RULES[r]} />
          <LiveEquation tex={liveParts(r)} read={readers[r]} id={r} />
          {NOTES[r] && <p className="rule-note">{NOTES[r]}</p>}
        </div>
      ))}
    </section>
  );
}
