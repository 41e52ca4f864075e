/**
 * Each racer's update rule, exactly the TeX the engine exports beside the code
 * that runs it, with the racer's live state at the current step (a kit
 * LiveEquation: typeset once, numbers rewritten in place), and where the
 * lecture writes the rule differently, a note on how the two line up.
 */
import type { ReactNode } from 'react';
import { adagradTex, adamTex, inverseTimeTex, momentumTex, nesterovTex, rmspropTex, sgdTex } from '../../engine';
import { Equation } from '../../ui/Equation';
import { LiveEquation } from '../../ui/LiveEquation';
import { useStore, type State } from '../../ui/store';
import { RACER_COLORS } from './style';
import { RACER_LABELS, STATE, STATE_LENGTH, type RacerName } from './types';
import { useEnabled } from './views';

/** The rule each racer runs: the engine's own TeX. */
const RULES: Record<RacerName, string> = {
  sgd: sgdTex,
  momentum: momentumTex,
  nesterov: nesterovTex,
  adagrad: adagradTex,
  rmsprop: rmspropTex,
  adam: adamTex,
};

const pair = (a: string, b: string) => String.raw`(\slot{${a}},\ \slot{${b}})`;

/** The live values' TeX for racer r, one part per quantity, so they wrap on narrow screens. */
export function liveParts(r: RacerName): string[] {
  const parts = [
    String.raw`t = \slot{t}`,
    String.raw`\alpha_t = \slot{lr}`,
    String.raw`\theta_t = ${pair('x', 'y')}`,
    String.raw`g(\theta_{t-1}) = ${pair('gx', 'gy')}`,
    String.raw`\theta_t - \theta_{t-1} = ${pair('dx', 'dy')}`,
  ];
  if (r === 'nesterov') parts.push(String.raw`v_t = ${pair('a0', 'a1')}`);
  if (r === 'adagrad' || r === 'rmsprop') parts.push(String.raw`G_{j,t}\ (\text{lecture: } G_{j,t-1}) = ${pair('a0', 'a1')}`);
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

/** Where a rule on screen meets its source: the lecture's indices, or the paper it comes from. */
const NOTES: Partial<Record<RacerName, ReactNode>> = {
  nesterov: (
    <>
      Nesterov momentum is not in lecture 002: this is the form of Sutskever et al. (2013) (Goodfellow et al., Algorithm 8.3, rewritten to need only the
      gradient at the point it stores). The point it stores, and the one plotted, is the look-ahead θ + γv of Algorithm 8.3, where that algorithm evaluates its
      gradient.
    </>
  ),
  adagrad: (
    <>
      Lecture 002 (Duchi et al. 2011) indexes the same rule as{' '}
      <Equation display={false} tex={String.raw`\theta_{j,t} = \theta_{j,t-1} - \frac{\alpha}{\sqrt{G_{j,t-1}+\varepsilon}}\, g_j(\theta_{t-1}),\ G_{j,t} = G_{j,t-1} + g_j(\theta_t)^2`} />:
      its G<sub>j,t−1</sub> already holds g<sub>j</sub>(θ<sub>t−1</sub>)², so the G<sub>j,t</sub> above is the lecture’s G<sub>j,t−1</sub> and the steps are
      the same.
    </>
  ),
  rmsprop: (
    <>
      Lecture 002 writes the same rule with its indices,{' '}
      <Equation display={false} tex={String.raw`\theta_{j,t} = \theta_{j,t-1} - \frac{\alpha}{\sqrt{G_{j,t-1}+\varepsilon}}\, g_j(\theta_{t-1}),\ G_{j,t} = \gamma G_{j,t-1} + (1-\gamma)\, g_j(\theta_t)^2`} />:
      the G<sub>j,t</sub> above is the lecture’s G<sub>j,t−1</sub>, which already includes the current gradient.
    </>
  ),
};

export function LiveRules() {
  const enabled = useEnabled();
  const schedule = useStore((s) => s.params.schedule === true);
  const tau = useStore((s) => s.params.tau);
  return (
    <section className="live-rules" aria-label="Update rules with their live values">
      {schedule && <Equation tex={String.raw`${inverseTimeTex},\quad \epsilon_0 = \text{each racer's } \alpha,\ \tau = ${Number(tau)},\quad \alpha_t = \epsilon_t`} />}
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
