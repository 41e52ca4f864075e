import { useMemo } from 'react';
import { Heatmap } from '../../ui/plots/Heatmap';
import { LineChart } from '../../ui/plots/LineChart';
import { NetworkDiagram } from '../../ui/plots/NetworkDiagram';
import { WeightHistogram } from '../../ui/plots/WeightHistogram';
import { palette, sequential } from '../../ui/plots/colors';
import { useStore } from '../../ui/store';
import { EXTENT, GRID } from './data';
import { MC_SAMPLES } from './experiment';
import { isoline } from './isoline';

/** The regularized run's colour and the baseline's. */
export const REG = palette[0];
export const BASE = palette[5];
const CLASS = ['#0b4f80', '#9a5b00'];

type Arr = Float32Array | undefined;
const useFrame = (k: string) => useStore((s) => s.frame?.[k] as Arr);

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
  const h = useStore((s) => s.history);
  const best = useStore((s) => s.metrics.best_step);
  const stopped = useStore((s) => s.metrics.stopped_at);
  const v = h.values;
  const markers = [];
  if (best !== undefined) markers.push({ x: best, label: 'best' });
  if (stopped !== undefined) markers.push({ x: stopped, label: 'stopped' });
  // an invisible point past the last step leaves room for the markers' labels at the right edge
  const last = h.step.length ? h.step[h.step.length - 1] : 0;
  const xs = [...h.step, Math.round(Math.max(last, stopped ?? 0) * 1.1) + 10];
  const pad = (y: number[] | undefined) => [...(y ?? []), NaN];
  return (
    <LineChart
      title="Loss on the training and validation sets (full network, no dropout)"
      series={[
        // the baseline first, so the regularized run is drawn on top where the two coincide
        { name: 'train, baseline', x: xs, y: pad(v.base_train_loss), color: BASE, dashed: true },
        { name: 'validation, baseline', x: xs, y: pad(v.base_val_loss), color: BASE },
        { name: 'train, regularized', x: xs, y: pad(v.train_loss), color: REG, dashed: true },
        { name: 'validation, regularized', x: xs, y: pad(v.val_loss), color: REG },
      ]}
      markers={markers}
      xLabel="step"
      yLabel="cross-entropy"
      height={240}
    />
  );
}

/** The decision surface of one run (P(class 1) from blue to orange), its 1/2 contour, training dots and validation rings. */
function Boundary({ surf, title, runLabel }: { surf: Arr; title: string; runLabel: string }) {
  const tx = useFrame('train_x');
  const ty = useFrame('train_y');
  const vx = useFrame('val_x');
  const vy = useFrame('val_y');
  const edge = useMemo(() => {
    if (!surf || surf.length < GRID * GRID) return '';
    return isoline(surf, GRID, GRID, 0.5);
  }, [surf]);
  const u = (x: number) => (x + EXTENT) / (2 * EXTENT);
  const v = (y: number) => 1 - (y + EXTENT) / (2 * EXTENT);
  const dots = (x: Arr, y: Arr, train: boolean) =>
    x && y
      ? Array.from(y, (c, i) =>
          train ? (
            <circle key={i} cx={u(x[2 * i])} cy={v(x[2 * i + 1])} r={0.017} fill={CLASS[c]} stroke="#fff" strokeWidth={0.006} />
          ) : (
            <circle key={i} cx={u(x[2 * i])} cy={v(x[2 * i + 1])} r={0.011} fill="none" stroke={CLASS[c]} strokeWidth={0.005} opacity={0.8} />
          ),
        )
      : null;
  return (
    <figure className="chart boundary">
      <figcaption>{title}</figcaption>
      <Heatmap values={surf ?? null} rows={GRID} cols={GRID} domain={[0, 1]} label={`Decision surface of the ${runLabel} with training and validation points`}>
        <path d={edge} fill="none" stroke="#222" strokeWidth={0.006} />
        {dots(vx, vy, false)}
        {dots(tx, ty, true)}
      </Heatmap>
    </figure>
  );
}

/** Baseline and regularized decision boundaries side by side. */
export function Boundaries() {
  const surf = useFrame('surf');
  const base = useFrame('base_surf');
  const params = useStore((s) => s.params);
  return (
    <section className="boundaries" aria-label="Decision boundaries">
      <Boundary surf={base} title="Baseline: no regularization" runLabel="baseline" />
      <Boundary surf={surf} title={`With ${regLabel(params)}`} runLabel="regularized run" />
      <p className="axis-note">
        Filled dots: training points; rings: validation points; blue class 0, orange class 1; the black line is P(class 1) = ½. Both axes from −{EXTENT} to {EXTENT}.
      </p>
    </section>
  );
}

/** The thinned network of the current mini-batch's first example: dropped units greyed, their edges gone. */
export function Thinned() {
  const h = useStore((s) => Number(s.params.hidden ?? 48));
  const [mi, m1, m2, w] = [useFrame('mask_in'), useFrame('mask1'), useFrame('mask2'), useFrame('weights')];
  const step = useStore((s) => s.step);
  const W = w && w.length === 2 * h + h * h + h ? [w.subarray(0, 2 * h), w.subarray(2 * h, 2 * h + h * h), w.subarray(2 * h + h * h)] : [];
  const kept = m1 && m2 ? [...m1, ...m2].filter((v) => v !== 0).length : 2 * h;
  return (
    <div>
      <NetworkDiagram
        sizes={[2, h, h, 1]}
        masks={[mi ?? null, m1 ?? null, m2 ?? null, null]}
        weights={W}
        layerNames={['x', 'h⁽¹⁾', 'h⁽²⁾', 'ŷ']}
        height={340}
        title={`The network trained at step ${step}, as the first example of its mini-batch saw it`}
      />
      <BatchMasks hidden={h} />
      <p className="axis-note">
        {kept} of {2 * h} hidden units kept for this example; grey rings are dropped. Edges: orange positive, blue negative weights, darker is larger.
      </p>
    </div>
  );
}

/** The masks of every example in the mini-batch as an image: one row per example, dark where a unit is dropped. */
function BatchMasks({ hidden }: { hidden: number }) {
  const m = useFrame('batch_mask');
  if (!m || m.length === 0) return null;
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

/** Weight histograms of both runs, with the near-zero fractions. */
export function Weights() {
  const w = useFrame('weights');
  const b = useFrame('base_weights');
  const m = useStore((s) => s.metrics);
  const pct = (v: number | undefined) => (v === undefined ? '' : ` (${(100 * v).toFixed(0)}% near 0)`);
  return (
    <WeightHistogram
      title="All weights W of both networks (biases are not penalized)"
      series={[
        { name: `regularized${pct(m.zero_frac)}`, values: w ?? [], color: REG },
        { name: `baseline${pct(m.base_zero_frac)}`, values: b ?? [], color: BASE },
      ]}
    />
  );
}

/** Test-time prediction: the full network (weight scaling) against an average of thinned networks. */
export function TestTime() {
  const m = useStore((s) => s.metrics);
  const p = useStore((s) => Number(s.params.p));
  const f = (v: number | undefined, d = 3) => (v === undefined ? '' : v.toFixed(d));
  return (
    <table className="testtime">
      <caption>Predicting the validation set after dropout training{p > 0 ? '' : ' (p = 0 here, so both are the full network)'}</caption>
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
          <td>{f(m.val_acc)}</td>
          <td>{f(m.val_loss)}</td>
        </tr>
        <tr>
          <th scope="row">Average of {MC_SAMPLES} sampled thinned networks</th>
          <td>{f(m.mc_acc)}</td>
          <td>{f(m.mc_loss)}</td>
        </tr>
      </tbody>
    </table>
  );
}
