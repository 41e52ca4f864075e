/**
 * Each racer's update rule (the engine's own TeX) with its live state at the
 * current step. The live line is typeset once by KaTeX with a tagged slot per
 * number; frames then rewrite only those slots' text, so the equations follow
 * the race without re-typesetting (KaTeX is the costliest thing on the page).
 */
import katex from 'katex';
import { useEffect, useMemo, useRef } from 'react';
import { adagradTex, adamTex, momentumTex, nesterovTex, rmspropTex, sgdTex, inverseTimeTex } from '../../engine';
import { Equation } from '../../ui/Equation';
import { useStore } from '../../ui/store';
import { STATE } from './experiment';
import { RACER_LABELS } from './meta';
import type { RacerName } from './racer';
import { RACER_COLORS } from './style';
import { useEnabled } from './views';

const RULES: Record<RacerName, string> = {
  sgd: sgdTex,
  momentum: momentumTex,
  nesterov: nesterovTex,
  adagrad: adagradTex,
  rmsprop: rmspropTex,
  adam: adamTex,
};

/** Why Adam's equation differs from the lecture slide (which writes ε inside the root). */
export const ADAM_EPS_NOTE =
  'The lecture slide writes √(v̂ + ε); Kingma & Ba, PyTorch, Keras and TensorFlow.js (and this code) add ε after the root, so a gradient far below √ε still gets a step of about α: Adam stays scale-invariant for tiny gradients.';

const UPDATE_MS = 150;

/** A number as short plain text (the slots hold text, not TeX). */
export function plain(v: number): string {
  if (Number.isNaN(v)) return '?';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(2) : v.toFixed(Number.isInteger(v) ? 0 : 3);
  return s.replace('-', '−');
}

const slot = (name: string) => String.raw`\htmlData{slot=${name}}{\text{0}}`;
const pair = (a: string, b: string) => String.raw`(${slot(a)},\ ${slot(b)})`;

/** The live values' TeX for racer r, one piece per quantity (t, alpha_t, theta_t, g, then the rule's own state), so they wrap on narrow screens. */
function liveParts(r: RacerName): string[] {
  const parts = [`t = ${slot('t')}`, String.raw`\alpha_t = ${slot('lr')}`, String.raw`\theta_t = ${pair('x', 'y')}`, String.raw`g = ${pair('gx', 'gy')}`];
  if (r === 'momentum') parts.push(String.raw`\theta_t - \theta_{t-1} = ${pair('a0', 'a1')}`);
  if (r === 'nesterov') parts.push(String.raw`v_t = ${pair('a0', 'a1')}`);
  if (r === 'adagrad' || r === 'rmsprop') parts.push(String.raw`G_t = ${pair('a0', 'a1')}`, String.raw`\frac{\alpha_t}{\sqrt{G_t+\varepsilon}} = ${pair('r0', 'r1')}`);
  if (r === 'adam') parts.push(String.raw`\hat m_t = ${pair('a0', 'a1')}`, String.raw`\hat v_t = ${pair('b0', 'b1')}`, String.raw`\frac{\alpha_t}{\sqrt{\hat v_t}+\varepsilon} = ${pair('r0', 'r1')}`);
  return parts;
}

/** The numbers for racer r's slots from its frame state (see STATE); r0, r1 are the per-coordinate rates. */
export function liveValues(r: RacerName, s: ArrayLike<number>, eps: number): Record<string, number> {
  const v: Record<string, number> = {};
  for (const [k, i] of Object.entries(STATE)) v[k] = s[i];
  // the rates as each rule runs them: AdaGrad/RMSProp alpha / sqrt(G + eps), Adam alpha / (sqrt(v_hat) + eps)
  const rate = (G: number) => (r === 'adam' ? v.lr / (Math.sqrt(G) + eps) : v.lr / Math.sqrt(G + eps));
  v.r0 = rate(r === 'adam' ? v.b0 : v.a0);
  v.r1 = rate(r === 'adam' ? v.b1 : v.a1);
  return v;
}

function LiveRule({ r, eps }: { r: RacerName; eps: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // only \htmlData is trusted, and only in our own template: it tags the slots
  const html = useMemo(
    () =>
      liveParts(r)
        .map((tex) => `<span class="live-part">${katex.renderToString(tex, { output: 'html', throwOnError: false, strict: 'ignore', trust: (c) => c.command === '\\htmlData' })}</span>`)
        .join(''),
    [r],
  );
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const slots = new Map<string, HTMLElement>();
    el.querySelectorAll<HTMLElement>('[data-slot]').forEach((e) => slots.set(e.dataset.slot!, e));
    const write = () => {
      const s = useStore.getState().frame?.[`state_${r}`];
      if (!s || s.length < 10) return;
      for (const [k, v] of Object.entries(liveValues(r, s, eps))) {
        const e = slots.get(k);
        const text = plain(v);
        if (e && e.textContent !== text) e.textContent = text;
      }
    };
    write();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsub = useStore.subscribe((st, prev) => {
      if (st.frame !== prev.frame && !timer) timer = setTimeout(() => ((timer = null), write()), UPDATE_MS);
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [r, eps, html]);
  return <div ref={ref} className="equation live" data-live={r} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function LiveRules() {
  const enabled = useEnabled();
  const schedule = useStore((s) => s.params.schedule === true);
  const tau = useStore((s) => s.params.tau);
  const eps = useStore((s) => enabled.map((r) => Number(s.params[`eps_${r}`] ?? 1e-8)).join(','));
  return (
    <section className="live-rules" aria-label="Update rules with their live values">
      {schedule && <Equation tex={String.raw`${inverseTimeTex},\quad \epsilon_0 = \text{each racer's } \alpha,\ \tau = ${tau},\quad \alpha_t = \epsilon_t`} />}
      {enabled.map((r, i) => (
        <div key={r} className="rule" data-rule={r}>
          <h3>
            <span className="swatch" style={{ background: RACER_COLORS[r] }} />
            {RACER_LABELS[r]}
          </h3>
          <Equation tex={RULES[r]} />
          {r === 'adam' && <p className="rule-note">{ADAM_EPS_NOTE}</p>}
          <LiveRule r={r} eps={Number(eps.split(',')[i])} />
        </div>
      ))}
    </section>
  );
}
