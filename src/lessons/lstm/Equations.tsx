import { LiveEquation, plainNumber } from '../../ui/LiveEquation';
import type { State } from '../../ui/store';
import { at } from './values';
import { cellAt } from './labels';
import type { LstmFrame } from './types';

/** A slot whose name starts with `p_` is a factor: a negative value in parentheses. */
const format = (v: number, slot: string) => (slot.startsWith('p_') && v < 0 ? `(${plainNumber(v)})` : plainNumber(v));
const affine = (k: string) => String.raw`b^{${k}}_i + \textstyle\sum_j U^{${k}}_{i,j} x^{(t)}_j + \sum_j W^{${k}}_{i,j} h^{(t-1)}_j`;

/** Unit j's values at step t of the probe sequence in the latest frame, by slot name. */
function slotValues(frame: Partial<LstmFrame> | null, t: number, j: number): Record<string, number> | null {
  const v = cellAt(frame, j, t);
  if (!frame || !v) return null;
  const T = frame.probe?.length ?? 0;
  const z = at(frame.z_gru, T, j, t);
  const out: Record<string, number | undefined> = {
    hr: at(frame.h_rnn, T, j, t),
    f: v.f, p_f: v.f, i: v.i, p_i: v.i, o: v.o, p_o: v.o, g: v.g, p_g: v.g, p_cPrev: v.cPrev, c: v.c, p_c: v.c, h: v.h,
    u: z === undefined ? undefined : 1 - z,
    p_u: z === undefined ? undefined : 1 - z,
    r: at(frame.r_gru, T, j, t),
    p_z: z,
    p_n: at(frame.n_gru, T, j, t),
    p_hgPrev: t > 0 ? at(frame.h_gru, T, j, t - 1) : 0,
    hg: at(frame.h_gru, T, j, t),
  };
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, number] => e[1] !== undefined));
}

/**
 * The three cells in Goodfellow's notation (ch. 10.2, 10.10; the GRU's update gate u on h^(t-1), as in Cho et al. 2014), written as the
 * engine runs them, with unit j's values at step t of the probe sequence.
 * Typeset once per (t, j); the numbers are live slots (LiveEquation), so a
 * run at full speed never re-typesets them.
 */
export function Equations({ t, j }: { t: number; j: number }) {
  const read = (s: State) => slotValues(s.frame as Partial<LstmFrame> | null, t, j);
  const idx = `i = ${j + 1},\\ t = ${t + 1}`;
  const live = (tex: string) => <LiveEquation tex={tex} read={read} format={format} />;
  return (
    <div className="lstm-equations">
      <h3>Plain RNN</h3>
      {live(String.raw`h^{(t)}_i = \tanh\!\big(b_i + \textstyle\sum_j W_{i,j} h^{(t-1)}_j + \sum_j U_{i,j} x^{(t)}_j\big) = \slot{hr} \quad (${idx})`)}
      <h3>LSTM</h3>
      {live(String.raw`f^{(t)}_i = \sigma\big(${affine('f')}\big) = \slot{f}`)}
      {live(String.raw`g^{(t)}_i = \sigma\big(${affine('g')}\big) = \slot{i}`)}
      {live(String.raw`q^{(t)}_i = \sigma\big(${affine('o')}\big) = \slot{o}`)}
      {live(String.raw`\tilde s^{(t)}_i = \tanh\big(b_i + \textstyle\sum_j U_{i,j} x^{(t)}_j + \sum_j W_{i,j} h^{(t-1)}_j\big) = \slot{g}`)}
      {live(String.raw`s^{(t)}_i = f^{(t)}_i s^{(t-1)}_i + g^{(t)}_i \tilde s^{(t)}_i = \slot{p_f} \cdot \slot{p_cPrev} + \slot{p_i} \cdot \slot{p_g} = \slot{c}`)}
      {live(String.raw`h^{(t)}_i = \tanh\big(s^{(t)}_i\big)\, q^{(t)}_i = \tanh(\slot{c}) \cdot \slot{o} = \slot{h} \quad (${idx})`)}
      <p className="axis-note">
        Where the code differs from the book: the candidate s̃ uses tanh where Goodfellow's eq. for s writes σ (as modern LSTMs do); the output gate is q (the
        lecture notes write g twice); the engine's arrays name the input gate i, the output gate o, the state c and the candidate g. The forget bias b<sup>f</sup> starts at
        the value of the control, the other biases at 0.
      </p>
      <h3>GRU</h3>
      {live(String.raw`u^{(t)}_i = \sigma\big(${affine('u')}\big) = \slot{u},\quad r^{(t)}_i = \sigma\big(${affine('r')}\big) = \slot{r}`)}
      {live(
        String.raw`h^{(t)}_i = u^{(t)}_i h^{(t-1)}_i + (1 - u^{(t)}_i)\, \tanh\!\big(b_i + \textstyle\sum_j U_{i,j} x^{(t)}_j + \sum_j W_{i,j} r^{(t)}_j h^{(t-1)}_j\big) = \slot{p_u} \cdot \slot{p_hgPrev} + \slot{p_z} \cdot \slot{p_n} = \slot{hg}`,
      )}
      <p className="axis-note">
        Written as in Goodfellow et al. (2016, §10.10.2) and Cho et al. (2014), where the update gate u multiplies h<sup>(t−1)</sup>. The engine computes the
        same cell as h = (1 − z) h + z n with z = 1 − u, the convention of Chung et al. (2014), and a tanh candidate n where the book writes σ; the gates are
        indexed by the step whose input they read. The update-gate bias b<sup>u</sup> starts at the value of its control (the engine's z gets −b<sup>u</sup>),
        the other biases at 0.
      </p>
    </div>
  );
}
