/** Each racer's update rule (the engine's own TeX) with its live state at the current step. */
import { useEffect, useState } from 'react';
import { adagradTex, adamTex, momentumTex, nesterovTex, rmspropTex, sgdTex, inverseTimeTex } from '../../engine';
import type { FrameData } from '../../engine/worker/protocol';
import { Equation, fmt } from '../../ui/Equation';
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

/** The latest frame, at most every `ms` (KaTeX is the costly part of the page; 4 updates a second read fine). */
function useThrottledFrame(ms = 250): FrameData | null {
  const [frame, setFrame] = useState(() => useStore.getState().frame);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const push = () => {
      timer = null;
      last = performance.now();
      setFrame(useStore.getState().frame);
    };
    const unsub = useStore.subscribe((s, prev) => {
      if (s.frame === prev.frame || timer) return;
      const wait = ms - (performance.now() - last);
      if (wait <= 0) push();
      else timer = setTimeout(push, wait);
    });
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
  }, [ms]);
  return frame;
}

const pair = (a: number, b: number) => String.raw`(${fmt(a)},\ ${fmt(b)})`;

/** The live numbers of one racer's rule as TeX: t, alpha_t, theta_t, g and its state. */
export function liveTex(r: RacerName, s: Float32Array, eps: number): string {
  const v = (k: keyof typeof STATE) => s[STATE[k]];
  const parts = [`t = ${v('t')}`, String.raw`\alpha_t = ${fmt(v('lr'))}`, String.raw`\theta_t = ${pair(v('x'), v('y'))}`, String.raw`g = ${pair(v('gx'), v('gy'))}`];
  const rate = (G0: number, G1: number) => pair(v('lr') / Math.sqrt(G0 + eps), v('lr') / Math.sqrt(G1 + eps));
  if (r === 'momentum') parts.push(String.raw`\theta_t - \theta_{t-1} = ${pair(v('a0'), v('a1'))}`);
  if (r === 'nesterov') parts.push(String.raw`v_t = ${pair(v('a0'), v('a1'))}`);
  if (r === 'adagrad' || r === 'rmsprop') parts.push(String.raw`G_t = ${pair(v('a0'), v('a1'))}`, String.raw`\tfrac{\alpha_t}{\sqrt{G_t+\varepsilon}} = ${rate(v('a0'), v('a1'))}`);
  if (r === 'adam') parts.push(String.raw`\hat m_t = ${pair(v('a0'), v('a1'))}`, String.raw`\hat v_t = ${pair(v('b0'), v('b1'))}`, String.raw`\tfrac{\alpha_t}{\sqrt{\hat v_t+\varepsilon}} = ${rate(v('b0'), v('b1'))}`);
  // two lines (where, then the rule's own state) so the numbers fit a phone's width
  const line = (xs: string[]) => xs.join(String.raw`,\quad `);
  return parts.length > 4 ? String.raw`\begin{gathered}${line(parts.slice(0, 4))} \\ ${line(parts.slice(4))}\end{gathered}` : line(parts);
}

export function LiveRules() {
  const enabled = useEnabled();
  const frame = useThrottledFrame();
  const params = useStore((s) => s.params);
  return (
    <section className="live-rules" aria-label="Update rules with their live values">
      {params.schedule === true && <Equation tex={String.raw`\alpha_t = ${inverseTimeTex.replace(/^\\epsilon_t = /, '')},\quad \tau = ${params.tau}`} />}
      {enabled.map((r) => {
        const s = frame?.[`state_${r}`] as Float32Array | undefined;
        return (
          <div key={r} className="rule" data-rule={r}>
            <h3>
              <span className="swatch" style={{ background: RACER_COLORS[r] }} />
              {RACER_LABELS[r]}
            </h3>
            <Equation tex={RULES[r]} />
            {s && s.length >= 10 && <Equation tex={liveTex(r, s, Number(params[`eps_${r}`] ?? 1e-8))} />}
          </div>
        );
      })}
    </section>
  );
}
