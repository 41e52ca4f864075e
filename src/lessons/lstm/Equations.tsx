import { Equation, fmt } from '../../ui/Equation';
import { at } from './values';
import { cellAt } from './labels';
import type { LstmFrame } from './types';

/** A live value as a factor: negatives in parentheses. */
const fp = (v: number | undefined) => (v !== undefined && v < 0 ? `(${fmt(v)})` : fmt(v));
const affine = (k: string) => String.raw`b^{${k}}_i + \textstyle\sum_j U^{${k}}_{i,j} x^{(t)}_j + \sum_j W^{${k}}_{i,j} h^{(t-1)}_j`;

/**
 * The three cells in Goodfellow's notation (ch. 10.2, 10.10), written as the
 * engine runs them, with unit j's values at step t of the probe sequence.
 */
export function Equations({ frame, t, j }: { frame: Partial<LstmFrame> | null; t: number; j: number }) {
  const v = cellAt(frame, j, t);
  const T = frame?.probe?.length ?? 0;
  const hr = at(frame?.h_rnn, T, j, t);
  const z = at(frame?.z_gru, T, j, t);
  const r = at(frame?.r_gru, T, j, t);
  const n = at(frame?.n_gru, T, j, t);
  const hg = at(frame?.h_gru, T, j, t);
  const hgPrev = t > 0 ? at(frame?.h_gru, T, j, t - 1) : 0;
  const i = `i = ${j + 1},\\ t = ${t + 1}`;
  return (
    <div className="lstm-equations">
      <h3>Plain RNN</h3>
      <Equation tex={String.raw`h^{(t)}_i = \tanh\!\big(b_i + \textstyle\sum_j W_{i,j} h^{(t-1)}_j + \sum_j U_{i,j} x^{(t)}_j\big) = ${fmt(hr)} \quad (${i})`} />
      <h3>LSTM</h3>
      <Equation tex={String.raw`f^{(t)}_i = \sigma\big(${affine('f')}\big) = ${fmt(v?.f)}`} />
      <Equation tex={String.raw`g^{(t)}_i = \sigma\big(${affine('g')}\big) = ${fmt(v?.i)}`} />
      <Equation tex={String.raw`q^{(t)}_i = \sigma\big(${affine('o')}\big) = ${fmt(v?.o)}`} />
      <Equation tex={String.raw`\tilde s^{(t)}_i = \tanh\big(b_i + \textstyle\sum_j U_{i,j} x^{(t)}_j + \sum_j W_{i,j} h^{(t-1)}_j\big) = ${fmt(v?.g)}`} />
      <Equation tex={String.raw`s^{(t)}_i = f^{(t)}_i s^{(t-1)}_i + g^{(t)}_i \tilde s^{(t)}_i = ${fmt(v?.f)} \cdot ${fp(v?.cPrev)} + ${fmt(v?.i)} \cdot ${fp(v?.g)} = ${fmt(v?.c)}`} />
      <Equation tex={String.raw`h^{(t)}_i = \tanh\big(s^{(t)}_i\big)\, q^{(t)}_i = \tanh(${fmt(v?.c)}) \cdot ${fmt(v?.o)} = ${fmt(v?.h)} \quad (${i})`} />
      <p className="axis-note">
        Where the code differs from the book: the candidate s̃ uses tanh where Goodfellow's eq. for s writes σ (as modern LSTMs do); the output gate is q (the
        lecture notes write g twice); the engine's arrays name the input gate i, the output gate o, the state c and the candidate g. The forget bias b<sup>f</sup> starts at
        the value of the control, the other biases at 0.
      </p>
      <h3>GRU</h3>
      <Equation tex={String.raw`u^{(t)}_i = \sigma\big(${affine('u')}\big) = ${fmt(z === undefined ? undefined : 1 - z)},\quad r^{(t)}_i = \sigma\big(${affine('r')}\big) = ${fmt(r)}`} />
      <Equation
        tex={String.raw`h^{(t)}_i = u^{(t)}_i h^{(t-1)}_i + (1 - u^{(t)}_i)\, \tanh\!\big(b_i + \textstyle\sum_j U_{i,j} x^{(t)}_j + \sum_j W_{i,j} r^{(t)}_j h^{(t-1)}_j\big) = ${fmt(z === undefined ? undefined : 1 - z)} \cdot ${fp(hgPrev)} + ${fmt(z)} \cdot ${fp(n)} = ${fmt(hg)}`}
      />
      <p className="axis-note">
        The engine computes the GRU as h = (1 − z) h + z n with z = 1 − u (Cho et al. 2014's form) and a tanh candidate n where the book writes σ; the gates are
        indexed by the step whose input they read.
      </p>
    </div>
  );
}
