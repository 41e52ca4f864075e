import { useState } from 'react';
import { Equation } from '../../ui/Equation';
import { Figure } from './figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useSampled } from '../../ui/hooks';
import { useStore, type State } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import { CellDiagram } from './CellDiagram';
import { Equations } from './Equations';
import { GateMaps } from './GateMaps';
import { ProbeEditor } from './ProbeEditor';
import { RaceView } from './RaceView';
import { VanishingView } from './VanishingView';
import { RACES, SYMBOL_NAMES, raceOf, type LstmFrame } from './types';
import './lstm.css';

/** The latest frame, read at plot pace: the cell, the maps and the equations redraw a few times a second, not per message. */
const selectFrame = (s: State) => s.frame as Partial<LstmFrame> | null;

/** The unit whose cell state ends furthest from 0 on the probe: usually one that holds the first symbol. */
function busiestUnit(frame: Partial<LstmFrame> | null): number {
  const T = frame?.probe?.length ?? 0;
  const c = frame?.c;
  if (!T || !c) return 0;
  let best = 0;
  for (let j = 0; j < c.length / T; j++) if (Math.abs(c[j * T + T - 1]) > Math.abs(c[best * T + T - 1])) best = j;
  return best;
}

const LABELS: Record<string, string> = {
  acc_rnn: 'acc RNN', acc_lstm: 'acc LSTM', acc_gru: 'acc GRU', loss_rnn: 'loss RNN', loss_lstm: 'loss LSTM', loss_gru: 'loss GRU',
  gnorm_rnn: '‖g‖ RNN', gnorm_lstm: '‖g‖ LSTM', gnorm_gru: '‖g‖ GRU',
  acc_lstm_b0: 'acc b_f=0', acc_lstm_b1: 'acc b_f=1', loss_lstm_b0: 'loss b_f=0', loss_lstm_b1: 'loss b_f=1', gnorm_lstm_b0: '‖g‖ b_f=0', gnorm_lstm_b1: '‖g‖ b_f=1',
  acc_lstm_b2: 'acc b_f=2', loss_lstm_b2: 'loss b_f=2', gnorm_lstm_b2: '‖g‖ b_f=2',
  acc_lstm_clip: 'acc clipped', loss_lstm_clip: 'loss clipped', gnorm_lstm_clip: '‖g‖ clipped',
  acc_lstm_noclip: 'acc not clipped', loss_lstm_noclip: 'loss not clipped', gnorm_lstm_noclip: '‖g‖ not clipped',
};

export default function LstmPage({ view }: LessonPageProps) {
  const race = useStore((s) => raceOf(s.params.race));
  const frame = useSampled(selectFrame);
  const [tSel, setT] = useState(0);
  const [unit, setUnit] = useState<number | null>(null);
  const T = frame?.probe?.length ?? 0;
  const H = T && frame?.f ? frame.f.length / T : 0;
  const t = Math.min(tSel, Math.max(0, T - 1));
  const j = unit !== null && unit < H ? unit : busiestUnit(frame);
  const symbol = frame?.probe ? (SYMBOL_NAMES[frame.probe[t]] ?? '?') : '?';
  const ids = RACES[race].map((r) => r.id);
  const names = [...ids.map((id) => `acc_${id}`), ...ids.map((id) => `loss_${id}`), ...ids.map((id) => `gnorm_${id}`)];
  const pick = (tt: number, jj: number) => {
    setT(Math.max(0, Math.min(T - 1, tt)));
    setUnit(Math.max(0, Math.min(H - 1, jj)));
  };
  return (
    <div className="lstm">
      <Readout names={names} labels={LABELS} />
      <div className="plots">
        <Figure id="race">
          <RaceView />
        </Figure>
        <Figure id="cell" className="wide">
          <CellDiagram frame={frame} t={t} j={j} symbol={symbol} />
          {H > 0 && (
            <label className="unit-pick">
              Unit{' '}
              <select value={j} onChange={(e) => setUnit(Number(e.target.value))}>
                {Array.from({ length: H }, (_, k) => (
                  <option key={k} value={k}>
                    {k + 1}
                  </option>
                ))}
              </select>
            </label>
          )}
        </Figure>
        <Figure id="probe">
          <ProbeEditor frame={frame} t={t} setT={setT} />
        </Figure>
        <Figure id="heatmaps">
          <GateMaps frame={frame} t={t} j={j} onPick={pick} />
        </Figure>
        <Figure id="vanishing">
          <VanishingView />
        </Figure>
      </div>
      <Figure id="equations">
        <Equations t={t} j={j} />
      </Figure>
      <Prose view={view}>
        <h2>Why a plain RNN forgets</h2>
        <p>
          The task: a sequence of symbols A–D; the label is its first symbol, and every symbol after it is noise. To answer, a network must carry one piece of
          information across all T steps. The gradient that teaches it to do so flows back through the same steps: in a plain RNN{' '}
          <Equation display={false} tex={String.raw`\partial h^{(T)}/\partial h^{(t)} = \prod_{k=t+1}^{T} \partial h^{(k)}/\partial h^{(k-1)}`} />, a product of
          Jacobians that shrinks (or grows) exponentially with T − t (Goodfellow, Bengio & Courville 2016, §10.7; Bengio, Simard & Frasconi 1994). The vanishing figure plots its size for every t on the
          live minibatch.
        </p>
        <h2>The LSTM cell</h2>
        <p>
          The LSTM adds a self-loop on a cell state s whose weight is the forget gate f, a sigmoid unit the network computes from the input and the previous
          output. Along that loop the gradient is multiplied by f at each step, not by a weight matrix and a tanh derivative. When f stays near 1 the product{' '}
          <Equation display={false} tex={String.raw`\prod_{k=t+1}^{T} f^{(k)}`} /> decays slowly; it still decays: the gated loop eases the vanishing gradient, it does
          not remove it. Raise the length and see how far each cell gets. The input gate g decides what enters the state, the output gate q what leaves it.
        </p>
        <h2>Forget-gate bias</h2>
        <p>
          With b<sup>f</sup> = 0 the forget gate starts near σ(0) = 0.5, so the state shrinks by about half at every step until training learns otherwise. Gers, Schmidhuber and
          Cummins (2000) introduced the forget gate; Jozefowicz, Zaremba and Sutskever (2015) found that initialising its bias to 1 closed much of the gap between
          the LSTM and the GRU in their benchmarks. A bias b starts the gate at σ(b), and the state after k steps keeps about σ(b)<sup>k</sup> of what it
          held: 0.5<sup>29</sup> ≈ 2·10<sup>−9</sup>, 0.73<sup>29</sup> ≈ 10<sup>−4</sup>, 0.88<sup>29</sup> ≈ 0.025 over the 29 steps of a sequence of 30. The
          forget-bias scene races b<sup>f</sup> = 0, 1 and 2 at that length; the race starts its LSTM at 2.
        </p>
        <h2>The GRU</h2>
        <p>
          The gated recurrent unit (Cho et al. 2014) has no separate cell state: one update gate u mixes the previous state and a candidate,{' '}
          <Equation display={false} tex={String.raw`h^{(t)} = u^{(t)} h^{(t-1)} + (1 - u^{(t)})\,\tilde h^{(t)}`} />, and a reset gate r decides how much of
          h<sup>(t−1)</sup> the candidate reads (Goodfellow, Bengio & Courville 2016, §10.10.2). The update gate plays the forget gate's part, so its bias matters
          the same way: with b<sup>u</sup> = 0 the gate starts near 0.5 and half the state leaks away at every step, as with b<sup>f</sup> = 0, so on a long sequence it
          learns slowly or not at all (set the control to 0 and watch). The GRU control sets b<sup>u</sup> (the race starts it at 2). Chung et al. (2014) write the same cell with z = 1 − u
          on the candidate, as the engine does.
        </p>
        <h2>Gradient clipping</h2>
        <p>
          When the gradient norm ‖g‖ exceeds a threshold r, clipping rescales it: <Equation display={false} tex={String.raw`g \leftarrow \frac{g}{\|g\|} r`} />
          (Goodfellow, Bengio & Courville 2016, §10.11.1; Mikolov's trick, which "makes a big difference in recurrent nets", Bengio, Practical recommendations for
          gradient-based training, 2012). The readouts show each model's ‖g‖ before clipping. Training here uses Adam, which already divides each coordinate's
          step by its running gradient size; the clipping scene trains a clipped and an unclipped LSTM side by side on the same minibatches.
        </p>
      </Prose>
    </div>
  );
}
