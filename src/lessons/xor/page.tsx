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
import { Figure } from '../../ui/Figure';
import { useFrame } from '../../ui/hooks';
import { changeParams } from '../../ui/actions';
import { GRID, GRID_MAX, GRID_MIN, PLATEAUS, SEED_RACE_STEPS, STUCK_LOSS, XOR_X, XOR_Y, type XorFrame } from './types';

const POINTS = [0, 1, 2, 3].map((i) => ({ x: XOR_X[2 * i], y: XOR_X[2 * i + 1], cls: XOR_Y[i] }));

function Surface() {
  const surface = useFrame((f: Partial<XorFrame>) => f.surface);
  const toBox = (v: number) => (v - GRID_MIN) / (GRID_MAX - GRID_MIN);
  return (
    <figure className="chart">
      <figcaption>Output f(x) over the input square (blue 0, orange 1); the four XOR points</figcaption>
      <Heatmap values={surface ?? null} rows={GRID} cols={GRID} domain={[0, 1]} label="Decision surface of the network over the input plane">
        {POINTS.map((p, i) =>
          p.cls ? (
            <rect key={i} x={toBox(p.x) - 0.025} y={1 - toBox(p.y) - 0.025} width={0.05} height={0.05} fill="#E69F00" stroke="#fff" strokeWidth={0.012} />
          ) : (
            <circle key={i} cx={toBox(p.x)} cy={1 - toBox(p.y)} r={0.028} fill="#0072B2" stroke="#fff" strokeWidth={0.012} />
          ),
        )}
      </Heatmap>
      <p className="axis-note">x₁ across, x₂ up, both from −0.5 to 1.5</p>
    </figure>
  );
}

function HiddenSpace() {
  const hidden = useFrame((f: Partial<XorFrame>) => f.hidden);
  const w = useFrame((f: Partial<XorFrame>) => f.w);
  const b = useFrame((f: Partial<XorFrame>) => f.b);
  const inspected = useFrame((f: Partial<XorFrame>) => f.inspected?.[0]);
  if (!hidden || hidden.length < 8) return null;
  // read the width from the frame itself: params may already describe the next run
  const H = hidden.length / 4;
  const [u, v] = H === 2 ? [0, 1] : mostVaried(hidden, H);
  const pts = POINTS.map((p, i) => ({ x: hidden[i * H + u], y: hidden[i * H + v], cls: p.cls, label: labelFor(hidden, H, u, v, i) }));
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

/** The two hidden units whose values vary most over the four points (dead units show nothing). */
function mostVaried(h: Float32Array, H: number): [number, number] {
  const spread = Array.from({ length: H }, (_, j) => {
    const col = [0, 1, 2, 3].map((i) => h[i * H + j]);
    return Math.max(...col) - Math.min(...col);
  });
  const order = spread.map((s, j) => [s, j]).sort((a, b) => b[0] - a[0]);
  const [a, b] = [order[0][1], order[1][1]].sort((x, y) => x - y);
  return [a, b];
}

/** One label per distinct point: inputs that land on the same h share it. */
function labelFor(h: Float32Array, H: number, u: number, v: number, i: number): string | undefined {
  const same = [0, 1, 2, 3].filter((k) => Math.abs(h[k * H + u] - h[i * H + u]) < 1e-3 && Math.abs(h[k * H + v] - h[i * H + v]) < 1e-3);
  if (same[0] !== i) return undefined;
  return same.map((k) => `(${POINTS[k].x},${POINTS[k].y})`).join(' ');
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
      <p>
        <strong data-count="solved">{m.solved ?? 0}</strong> of {m.runs ?? 0} runs are below a loss of {STUCK_LOSS}; <strong data-count="stuck">{m.stuck ?? 0}</strong> are stuck above it.
      </p>
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
  // predict, then reveal: the live loss is a result too
  const hidden = useResultsHidden();
  if (model === 'linear') {
    return (
      <>
        <Equation tex={String.raw`f(x; w, b) = x^\top w + b,\quad w = \begin{bmatrix}${fmt(m.w1)}\\${fmt(m.w2)}\end{bmatrix},\ b = ${fmt(m.b)}`} />
        <Equation tex={String.raw`J(\theta) = \tfrac14 \sum_{x\in\mathbb{X}} \big(f^*(x) - f(x;\theta)\big)^2 = ${hidden ? '?' : fmt(m.loss, 4)}`} />
      </>
    );
  }
  const { W, c, w, b } = f ?? {};
  const hiddenTex =
    model === 'handset' || act === 'relu'
      ? String.raw`\max\{0,\ W^\top x + c\}`
      : String.raw`${act === 'tanh' ? '\\tanh' : '\\sigma'}\big(W^\top x + c\big)`;
  const small = W && W.length === 4 && c && w && b;
  return (
    <>
      <Equation tex={String.raw`f(x; W, c, w, b) = w^\top ${hiddenTex} + b`} />
      {small && (
        <Equation
          tex={String.raw`W = \begin{bmatrix}${fmt(W[0], 2)} & ${fmt(W[1], 2)}\\ ${fmt(W[2], 2)} & ${fmt(W[3], 2)}\end{bmatrix},\ c = \begin{bmatrix}${fmt(c[0], 2)}\\${fmt(c[1], 2)}\end{bmatrix},\ w = \begin{bmatrix}${fmt(w[0], 2)}\\${fmt(w[1], 2)}\end{bmatrix},\ b = ${fmt(b[0], 2)}`}
        />
      )}
      <Equation tex={String.raw`J(\theta) = \tfrac14 \sum_{x} \big(f^*(x) - f(x;\theta)\big)^2 = ${hidden ? '?' : fmt(m.loss, 4)}`} />
    </>
  );
}

export default function XorPage({ view }: LessonPageProps) {
  const model = useStore((s) => s.params.model);
  const many = useStore((s) => Number(s.params.runs) > 1 && s.params.model === 'mlp');
  const names = model === 'linear' ? ['loss', 'w1', 'w2', 'b'] : many ? ['loss', 'solved', 'stuck'] : ['loss'];
  return (
    <div className="xor">
      <div className="plots">
        {!many && <Figure id="surface"><Surface /></Figure>}
        {many && <Figure id="seeds"><Covered><Seeds /></Covered></Figure>}
        {model !== 'linear' && <Figure id="hidden"><HiddenSpace /></Figure>}
        <Figure id="loss"><LossCurve /></Figure>
      </div>
      <Readout names={names} />
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
      </Prose>
    </div>
  );
}
