/**
 * The lesson's figures. Everything that follows the run reads the store at a
 * plot's pace (useSampled), not at the worker's: the curves and histograms a
 * few times a second, the thinned network twice a second, and the data points
 * only when they change, so training at full speed leaves the main thread idle.
 */
import { useMemo } from 'react';
import { useSampled } from '../../ui/hooks';
import { Heatmap } from '../../ui/plots/Heatmap';
import { LineChart } from '../../ui/plots/LineChart';
import { WeightHistogram } from '../../ui/plots/WeightHistogram';
import { palette, sequential } from '../../ui/plots/colors';
import { useStore, type State } from '../../ui/store';
import { thin } from '../../ui/thin';
import { ThinnedNetwork } from './ThinnedNetwork';
import { MC_SAMPLES, type DropoutFrame } from './types';

/** The regularized run's colour and the baseline's. */
export const REG = palette[0];
export const BASE = palette[5];

/** How often (ms) each kind of figure re-reads the store. */
const CURVE_MS = 250;
const NETWORK_MS = 500;
/** Points per curve: plenty for a 480-unit-wide chart. */
const CURVE_POINTS = 300;

type Arr = Float32Array | undefined;
const selHistory = (s: State) => s.history;
export const selFrame = (s: State) => s.frame as Partial<DropoutFrame> | null;
const selMetrics = (s: State) => s.metrics;

/** A short name of what the right-hand run adds, from the params. */
export function regLabel(p: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Number(p.p) > 0) parts.push(`dropout p = ${p.p}`);
  if (Number(p.pIn) > 0) parts.push(`input dropout ${p.pIn}`);
  if (Number(p.l2) > 0) parts.push(`L2 λ = ${p.l2}`);
  if (Number(p.l1) > 0) parts.push(`L1 λ₁ = ${p.l1}`);
  if (p.earlyStop === true) parts.push(`early stopping (patience ${p.patience})`);
  return parts.length ? parts.join(', ') : 'nothing (same as the baseline)';
}

/** Train and validation loss of both runs over steps, with the best validation step (and the stop) marked. */
export function Curves() {
  const h = useSampled(selHistory, CURVE_MS);
  const best = useStore((s) => s.metrics.best_step);
  const stopped = useStore((s) => s.metrics.stopped_at);
  const series = useMemo(() => {
    // an invisible point past the last step leaves room for the markers' labels at the right edge
    const last = h.step.length ? h.step[h.step.length - 1] : 0;
    const pad = Math.round(Math.max(last, stopped ?? 0) * 1.1) + 10;
    const curve = (name: string, key: string, color: string, dashed: boolean) => {
      const [x, y] = thin(h.step, h.values[key] ?? [], CURVE_POINTS);
      return { name, x: [...x, pad], y: [...y, NaN], color, dashed };
    };
    // the baseline first, so the regularized run is drawn on top where the two coincide
    return [
      curve('train, baseline', 'base_train_loss', BASE, true),
      curve('validation, baseline', 'base_val_loss', BASE, false),
      curve('train, regularized', 'train_loss', REG, true),
      curve('validation, regularized', 'val_loss', REG, false),
    ];
  }, [h, stopped]);
  const markers = [];
  if (best !== undefined) markers.push({ x: best, label: 'best' });
  if (stopped !== undefined) markers.push({ x: stopped, label: 'stopped' });
  return <LineChart title="Loss on the training and validation sets (full network, no dropout)" series={series} markers={markers} xLabel="step" yLabel="cross-entropy" height={240} />;
}

/** The thinned network of the current mini-batch's first example: dropped units greyed, their edges gone (redrawn twice a second). */
export function Thinned() {
  const h = useStore((s) => Number(s.params.hidden ?? 48));
  const inputs = useStore((s) => (s.params.dataset === 'digits' ? 784 : 2));
  const frame = useSampled(selFrame, NETWORK_MS);
  const step = useSampled((s: State) => s.step, NETWORK_MS);
  const w = frame?.weights;
  const [m1, m2] = [frame?.mask1, frame?.mask2];
  const W = w && w.length === inputs * h + h * h + h && inputs === 2 ? [w.subarray(0, 2 * h), w.subarray(2 * h, 2 * h + h * h), w.subarray(2 * h + h * h)] : [];
  const kept = m1 && m2 ? [...m1, ...m2].filter((v) => v !== 0).length : 2 * h;
  return (
    <div>
      <ThinnedNetwork
        sizes={[2, h, h, 1]}
        masks={[inputs === 2 ? (frame?.mask_in ?? null) : null, m1 ?? null, m2 ?? null, null]}
        weights={W}
        layerNames={['x', 'h⁽¹⁾', 'h⁽²⁾', 'ŷ']}
        height={340}
        title={`The network trained at step ${step}, as the first example of its mini-batch saw it`}
      />
      <BatchMasks hidden={h} mask={frame?.batch_mask} />
      <p className="axis-note">
        {kept} of {2 * h} hidden units kept for this example; grey rings are dropped. Edges: orange positive, blue negative weights, darker is larger.
      </p>
    </div>
  );
}

/** The masks of every example in the mini-batch as an image: one row per example, dark where a unit is dropped. */
function BatchMasks({ hidden, mask: m }: { hidden: number; mask: Arr }) {
  if (!m || m.length === 0 || m.length % (2 * hidden) !== 0) return null;
  const rows = m.length / (2 * hidden);
  return (
    <div className="mask-strip">
      <Heatmap values={m} rows={rows} cols={2 * hidden} domain={[0, 1]} color={sequential} label={`Dropout masks of the ${rows} examples of this mini-batch`} />
      <p className="axis-note">
        Each of the {rows} examples in the mini-batch (rows) trains its own thinned network: h⁽¹⁾ then h⁽²⁾ units across, dark = dropped.
      </p>
    </div>
  );
}

/** Weight histograms of both runs, with the near-zero and exactly-zero fractions. */
export function Weights() {
  const frame = useSampled(selFrame, CURVE_MS);
  const m = useSampled(selMetrics, CURVE_MS);
  const pct = (v: number | undefined) => (v === undefined ? '' : `${(100 * v).toFixed(0)}%`);
  const exact = m.exact_zero_frac ? `, ${pct(m.exact_zero_frac)} exactly 0` : '';
  return (
    <WeightHistogram
      title="All weights W of both networks (biases are not penalized)"
      series={[
        { name: `regularized (${pct(m.zero_frac)} under ${0.01} in size${exact})`, values: frame?.weights ?? [], color: REG },
        { name: `baseline (${pct(m.base_zero_frac)} under 0.01)`, values: frame?.base_weights ?? [], color: BASE },
      ]}
    />
  );
}

/** Test-time prediction: the full network (weight scaling) against an average of thinned networks, both at one step and with one loss. */
export function TestTime() {
  const m = useSampled(selMetrics, CURVE_MS);
  const p = useStore((s) => Number(s.params.p));
  const pIn = useStore((s) => Number(s.params.pIn));
  const f = (v: number | undefined, d = 3) => (v === undefined ? '' : v.toFixed(d));
  const none = p === 0 && pIn === 0;
  return (
    <table className="testtime">
      <caption>
        The regularized run on the validation set at step <span data-metric-copy="tt_step">{m.tt_step ?? 0}</span> (both rows at that step, refreshed every 50
        steps){none ? '; p = 0 here, so both rows are the same full network' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">rule</th>
          <th scope="col">accuracy</th>
          <th scope="col">loss</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Weight scaling: the full network once</th>
          <td data-testtime="ws_acc">{f(m.ws_acc)}</td>
          <td data-testtime="ws_loss">{f(m.ws_loss)}</td>
        </tr>
        <tr>
          <th scope="row">{none ? 'Average of sampled thinned networks (only one here)' : `Average of ${MC_SAMPLES} sampled thinned networks`}</th>
          <td data-testtime="mc_acc">{f(m.mc_acc)}</td>
          <td data-testtime="mc_loss">{f(m.mc_loss)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The baseline at its best validation step and now, read from this run's history. */
export function useBaselineDrift(): { bestStep: number; bestLoss: number; bestAcc: number; loss: number; acc: number } | null {
  const h = useSampled(selHistory, CURVE_MS);
  return useMemo(() => {
    const loss = h.values.base_val_loss;
    const acc = h.values.base_val_acc;
    if (!loss || !acc || loss.length < 2) return null;
    let k = 0;
    for (let i = 1; i < loss.length; i++) if (loss[i] < loss[k]) k = i;
    const n = loss.length - 1;
    return { bestStep: h.step[k], bestLoss: loss[k], bestAcc: acc[k], loss: loss[n], acc: acc[n] };
  }, [h]);
}

/** A question for the class, with this run's own figures: why does the loss rise so much more than the error? */
export function LossQuestion() {
  const d = useBaselineDrift();
  return (
    <aside className="question" aria-label="Question for the class">
      <p>
        <strong>Question for the class.</strong>{' '}
        {d && d.loss > 1.1 * d.bestLoss ? (
          <>
            In this run the baseline’s validation loss went from <span data-drift="best_loss">{d.bestLoss.toFixed(2)}</span> (step {d.bestStep}) to{' '}
            <span data-drift="loss">{d.loss.toFixed(2)}</span> now, while its validation accuracy went from {d.bestAcc.toFixed(3)} to {d.acc.toFixed(3)}.
          </>
        ) : (
          <>Press Play and watch the baseline’s validation loss and its validation accuracy once the loss has turned.</>
        )}{' '}
        Why can the loss rise this much while the accuracy barely moves?
      </p>
      <details>
        <summary>One answer</summary>
        <p>
          Accuracy only counts which side of ½ a prediction falls on; the cross-entropy charges −log p̂ of the true class, without bound. An overfitted network
          grows its weights and becomes very confident: the few validation points it gets wrong, it gets wrong with p̂ close to 0, and each of them alone can
          cost more than all the points it gets right. The number of mistakes hardly changes; their price does.
        </p>
      </details>
    </aside>
  );
}
