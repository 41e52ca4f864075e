import { Covered } from '../../ui/Covered';
import { useResultsHidden } from '../../ui/reveal';
import { Equation, fmt } from '../../ui/Equation';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { Heatmap } from '../../ui/plots/Heatmap';
import { Histogram } from '../../ui/plots/Histogram';
import { LineChart } from '../../ui/plots/LineChart';
import { Scatter } from '../../ui/plots/Scatter';
import { useStore } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import { Figure } from './figure';
import { useFrame } from '../../ui/hooks';
import { changeParams } from '../../ui/actions';
import { PointEditor } from '../../ui/plots/PointEditor';
import { PointTools } from '../../ui/controls/PointTools';
import { useOwnData, type OwnData } from '../../ui/useOwnData';
import type { DataPoint } from '../../ui/pointData';
import { GRID, PLATEAUS, SEED_RACE_STEPS, STUCK_LOSS, XOR_RANGE, XOR_X, XOR_Y, type XorFrame } from './types';
import './xor.css';

const POINTS: DataPoint[] = [0, 1, 2, 3].map((i) => ({ x: XOR_X[2 * i], y: XOR_X[2 * i + 1], cls: XOR_Y[i] as 0 | 1 }));
/** Class 0 blue circles, class 1 orange squares. */
const COLORS = ['#0072B2', '#E69F00'] as const;

/** The decision surface with the training points on it; click, tap or drag there to make the data set your own. */
function Surface({ data }: { data: OwnData }) {
  const surface = useFrame((f: Partial<XorFrame>) => f.surface);
  const linear = useStore((s) => s.params.model === 'linear');
  const points = data.own ?? POINTS;
  // an almost even surface (the linear model's 0.5 everywhere) looks like a figure that never drew: say what it shows
  let flat: number | null = null;
  if (surface && surface.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of surface) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (hi - lo < 0.02) flat = (hi + lo) / 2;
  }
  return (
    <figure className="chart">
      {/* the same words with own data: a caption that rewraps would move the plot under the pointer editing it */}
      <figcaption>Output f(x) over the input square (blue 0, orange 1) and the training points</figcaption>
      <Heatmap values={surface ?? null} rows={GRID} cols={GRID} domain={[0, 1]} label="Decision surface of the network over the input plane, with the training points (editable)" editable>
        <PointEditor points={points} range={XOR_RANGE} mode={data.mode} onChange={data.change} colors={COLORS} squares r={0.026} />
      </Heatmap>
      <p className="axis-note">x₁ across, x₂ up, both from −0.5 to 1.5</p>
      {/* the linear model's line is kept from the start (hidden until the surface is flat), so it moves nothing when it appears */}
      {linear && (
        <p className="axis-note" data-flat-surface={flat !== null ? '' : undefined} style={flat === null ? { visibility: 'hidden' } : undefined}>
          One colour: f(x) ≈ {(flat ?? 0.5).toFixed(2)} at every point of the square.
        </p>
      )}
      <PointTools mode={data.mode} onMode={data.setMode} count={points.length} own={!!data.own} onReset={data.reset} problem={data.problem} colors={COLORS} about="the four XOR points" />
    </figure>
  );
}

function HiddenSpace() {
  const hidden = useFrame((f: Partial<XorFrame>) => f.hidden);
  const inputs = useFrame((f: Partial<XorFrame>) => f.inputs);
  const labels = useFrame((f: Partial<XorFrame>) => f.labels);
  const w = useFrame((f: Partial<XorFrame>) => f.w);
  const b = useFrame((f: Partial<XorFrame>) => f.b);
  const inspected = useFrame((f: Partial<XorFrame>) => f.inspected?.[0]);
  const n = labels?.length ?? 0;
  if (!hidden || !inputs || !labels || n === 0 || hidden.length < 2 * n) return null;
  // read the sizes from the frame itself: params may already describe the next run
  const H = hidden.length / n;
  const [u, v] = H === 2 ? [0, 1] : mostVaried(hidden, H, n);
  // a label per place only while a few points can be read apart
  const pts = Array.from(labels, (cls, i) => ({ x: hidden[i * H + u], y: hidden[i * H + v], cls, label: n <= 8 ? labelFor(hidden, inputs, H, u, v, i) : undefined }));
  // the output unit reads f = w1 h1 + w2 h2 + b: the line f = 1/2 separates the classes
  const line = H === 2 && w && b ? { a: w[0], b: w[1], c: b[0] - 0.5 } : undefined;
  return (
    <Scatter
      points={pts}
      xLabel={`h${u + 1}`}
      yLabel={`h${v + 1}`}
      line={line}
      title={
        (inspected != null ? `Run of seed ${inspected}. ` : '') +
        (H === 2 ? 'Hidden space h: the line is where the output is ½' : `Hidden space: the 2 most varied of ${H} units`)
      }
    />
  );
}

/** The two hidden units whose values vary most over the n points (dead units show nothing). */
function mostVaried(h: Float32Array, H: number, n: number): [number, number] {
  const spread = Array.from({ length: H }, (_, j) => {
    const col = Array.from({ length: n }, (_, i) => h[i * H + j]);
    return Math.max(...col) - Math.min(...col);
  });
  const order = spread.map((s, j) => [s, j]).sort((a, b) => b[0] - a[0]);
  const [a, b] = [order[0][1], order[1][1]].sort((x, y) => x - y);
  return [a, b];
}

/** One label per distinct point: inputs that land on the same h share it. */
function labelFor(h: Float32Array, x: Float32Array, H: number, u: number, v: number, i: number): string | undefined {
  const n = x.length / 2;
  const same = Array.from({ length: n }, (_, k) => k).filter((k) => Math.abs(h[k * H + u] - h[i * H + u]) < 1e-3 && Math.abs(h[k * H + v] - h[i * H + v]) < 1e-3);
  if (same[0] !== i) return undefined;
  const c = (t: number) => String(Number(t.toFixed(2)));
  return same.map((k) => `(${c(x[2 * k])},${c(x[2 * k + 1])})`).join(' ');
}

function LossCurve() {
  const h = useStore((s) => s.history);
  const many = useStore((s) => Number(s.params.runs) > 1);
  return <LineChart title={many ? 'Mean loss over all seeds' : 'Training loss (MSE)'} series={[{ name: 'loss', x: h.step, y: h.values.loss ?? [] }]} xLabel="step" yLabel="loss (log scale)" logY />;
}

/** Which plateau a final loss sits on: 0 (solved), 1/8, 1/6, 1/4, or none of these. */
function levelOf(loss: number): string {
  if (loss < STUCK_LOSS) return 'solved';
  const k = PLATEAUS.findIndex((v) => Math.abs(loss - v) < 2e-3);
  return k < 0 ? 'other' : ['1/8', '1/6', '1/4'][k];
}

const LEVELS = ['solved', '1/8', '1/6', '1/4', 'other'];

/** The many-seeds counts exist once the race has finished. */
const RACE_PENDING = { solved: 'running…', stuck: 'running…' };

function Seeds() {
  const losses = useFrame((f: Partial<XorFrame>) => f.losses);
  const inspected = useFrame((f: Partial<XorFrame>) => f.inspected?.[0]);
  const first = useStore((s) => Number(s.params.seed));
  const m = useStore((s) => s.metrics);
  const groups = new Map<string, number[]>(LEVELS.map((l) => [l, []]));
  (losses ?? []).forEach((v, i) => groups.get(levelOf(v))!.push(first + i));
  return (
    <div>
      <Histogram values={losses ?? []} domain={[0, 0.3]} bins={30} xLabel="loss of each run (clipped at 0.3)" title={`Loss of each of ${m.runs ?? ''} runs (the race stops after ${SEED_RACE_STEPS} steps)`} threshold={{ x: STUCK_LOSS, label: 'stuck →' }} />
      {m.solved === undefined ? (
        <p data-count="running">
          Running… step {m.step ?? 0} of {SEED_RACE_STEPS.toLocaleString('en')}: the runs are counted when the race ends.
        </p>
      ) : (
        <p>
          <strong data-count="solved">{m.solved}</strong> of {m.runs ?? 0} runs are below a loss of {STUCK_LOSS}; <strong data-count="stuck">{m.stuck ?? 0}</strong> are stuck above it.
        </p>
      )}
      <div className="seed-groups" aria-label="Runs by loss: click a seed to draw its hidden space">
        {LEVELS.map((l) => {
          const seeds = groups.get(l)!;
          if (seeds.length === 0) return null;
          return (
            <p key={l} data-level={l} style={{ margin: '0.25rem 0', lineHeight: 1.9 }}>
              <span style={{ display: 'inline-block', minWidth: '6.5rem' }}>{l === 'solved' ? 'loss ≈ 0' : l === 'other' ? 'elsewhere' : `loss ≈ ${l}`} ({seeds.length}):</span>
              {seeds.map((s) => (
                <button
                  key={s}
                  type="button"
                  aria-pressed={s === inspected}
                  aria-label={`seed ${s}`}
                  onClick={() => changeParams({ inspect: s })}
                  style={{ minWidth: '2.2rem', margin: '0 2px', padding: '0 4px', fontWeight: s === inspected ? 700 : 400 }}
                >
                  {s}
                </button>
              ))}
            </p>
          );
        })}
      </div>
    </div>
  );
}

function LiveEquations() {
  const model = useStore((s) => s.params.model);
  const act = useStore((s) => String(s.params.activation));
  const f = useFrame((fr: Partial<XorFrame>) => fr);
  const m = useStore((s) => s.metrics);
  // the mean over the n training points: 1/4 on the XOR points
  const frac = m.points && m.points !== 4 ? String.raw`\tfrac{1}{${m.points}}` : String.raw`\tfrac14`;
  // predict, then reveal: the live loss is a result too
  const hidden = useResultsHidden();
  if (model === 'linear') {
    return (
      <>
        <Equation tex={String.raw`f(x; w, b) = x^\top w + b,\quad w = \begin{bmatrix}${fmt(m.w1)}\\${fmt(m.w2)}\end{bmatrix},\ b = ${fmt(m.b)}`} />
        <Equation tex={String.raw`J(\theta) = ${frac} \sum_{x\in\mathbb{X}} \big(f^*(x) - f(x;\theta)\big)^2 = ${hidden ? '?' : fmt(m.loss, 4)}`} />
      </>
    );
  }
  const { W, c, w, b } = f ?? {};
  const hiddenTex =
    model === 'handset' || act === 'relu'
      ? String.raw`\max\{0,\ W^\top x + c\}`
      : String.raw`${act === 'tanh' ? '\\tanh' : '\\sigma'}\big(W^\top x + c\big)`;
  // a trained net's weights are its result; the hand-set ones are the lesson's given
  const small = W && W.length === 4 && c && w && b && !(hidden && model !== 'handset');
  return (
    <>
      <Equation tex={String.raw`f(x; W, c, w, b) = w^\top ${hiddenTex} + b`} />
      {small && (
        <Equation
          tex={String.raw`W = \begin{bmatrix}${fmt(W[0], 2)} & ${fmt(W[1], 2)}\\ ${fmt(W[2], 2)} & ${fmt(W[3], 2)}\end{bmatrix},\ c = \begin{bmatrix}${fmt(c[0], 2)}\\${fmt(c[1], 2)}\end{bmatrix},\ w = \begin{bmatrix}${fmt(w[0], 2)}\\${fmt(w[1], 2)}\end{bmatrix},\ b = ${fmt(b[0], 2)}`}
        />
      )}
      <Equation tex={String.raw`J(\theta) = ${frac} \sum_{x} \big(f^*(x) - f(x;\theta)\big)^2 = ${hidden ? '?' : fmt(m.loss, 4)}`} />
    </>
  );
}

export default function XorPage({ view }: LessonPageProps) {
  const model = useStore((s) => s.params.model);
  const many = useStore((s) => Number(s.params.runs) > 1 && s.params.model === 'mlp');
  const data = useOwnData(XOR_RANGE);
  const names = [...(model === 'linear' ? ['loss', 'w1', 'w2', 'b'] : many ? ['loss', 'solved', 'stuck'] : ['loss']), 'points'];
  return (
    <div className="xor">
      <div className="plots">
        {/* the decision surface and the hidden space are the answer of a trained net: covered while results are hidden */}
        {!many && <Figure id="surface">{model === 'mlp' ? <Covered><Surface data={data} /></Covered> : <Surface data={data} />}</Figure>}
        {many && <Figure id="seeds"><Covered><Seeds /></Covered></Figure>}
        {model !== 'linear' && <Figure id="hidden">{model === 'mlp' ? <Covered><HiddenSpace /></Covered> : <HiddenSpace />}</Figure>}
        <Figure id="loss"><LossCurve /></Figure>
      </div>
      <Readout names={names} labels={{ points: 'training points' }} pending={RACE_PENDING} />
      <Figure id="equations"><LiveEquations /></Figure>
      <Prose view={view}>
        <p>
          XOR is 1 when exactly one of its two inputs is 1. We ask a model to reproduce it on the four points{' '}
          <Equation display={false} tex={String.raw`\mathbb{X} = \{[0,0]^\top, [0,1]^\top, [1,0]^\top, [1,1]^\top\}`} /> with the mean squared error.
        </p>
        <p>
          A <strong>linear model</strong> cannot do it. Solving the normal equations gives <Equation display={false} tex="w = 0,\ b = \tfrac12" />: the model
          outputs 0.5 everywhere and its loss is 0.25. Choose “Linear model” and press Play to watch gradient descent arrive there.
        </p>
        <p>
          One hidden layer of ReLUs fixes this. With <Equation display={false} tex={String.raw`W = \begin{bmatrix}1&1\\1&1\end{bmatrix},\ c = \begin{bmatrix}0\\-1\end{bmatrix},\ w = \begin{bmatrix}1\\-2\end{bmatrix},\ b = 0`} /> the
          hidden layer sends [0,1] and [1,0] to the same point h = [1, 0], and the four points become separable by a line in h-space: the loss is exactly 0.
        </p>
        <p>
          Training from random weights has to discover such a solution. The loss is not convex in the weights, so some starts get stuck: run many seeds at once to see how often.
        </p>
        <p>
          A ReLU unit whose input is negative on a point outputs 0 there and passes no gradient back. If a unit is off on every point it is dead for
          good, and the network left over is linear on the points its live units see. Open a stuck run from the many-seeds histogram: which points
          share a place in its hidden space, and what is the best that a line through them can do? That is where the losses 1/4, 1/6 and 1/8 come from.
        </p>
        <p>
          <strong>Your own data.</strong> Click or tap the decision surface to add points of either class (the Class 0 / Class 1 toggle, or shift-click),
          drag one to move it, and Reset data to bring the four XOR points back. The network then trains on your points: J averages over all of them, and the
          link carries them, so a class can open the same set. The scenes and the text above are about the four XOR points; on your own points, try how few
          hidden units still fit them.
        </p>
      </Prose>
    </div>
  );
}
