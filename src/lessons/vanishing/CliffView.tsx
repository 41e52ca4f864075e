/** The cliff view: both descents drawn on the surface, both loss curves, step lengths against the bound eta r. */
import { Equation, fmt } from '../../ui/Equation';
import { Figure } from './figure';
import { CONTAIN, useSampled } from '../../ui/hooks';
import { Heatmap } from '../../ui/plots/Heatmap';
import { LineChart } from '../../ui/plots/LineChart';
import { sequential } from '../../ui/plots/colors';
import { useStore, type State } from '../../ui/store';
import { CLIFF_TEX } from './cliffSurface';
import { EqRow } from './EqRow';
import { useSampledFrame } from './hooks';
import { CLIFF_COLS, CLIFF_ROWS, CLIFF_X, CLIFF_Y, type CliffFrame } from './types';

const PLAIN = '#D55E00';
const CLIPPED = '#0072B2';
const frameOf = (f: Partial<CliffFrame>) => f;
const metricsOf = (s: State) => s.metrics;
const toBox = (x: number, y: number): [number, number] => [
  (Math.min(CLIFF_X[1], Math.max(CLIFF_X[0], x)) - CLIFF_X[0]) / (CLIFF_X[1] - CLIFF_X[0]),
  (CLIFF_Y[1] - Math.min(CLIFF_Y[1], Math.max(CLIFF_Y[0], y))) / (CLIFF_Y[1] - CLIFF_Y[0]),
];
// f runs from about 0.06 (ravine) to 5 (plateau) and 15 (top of the cliff); a square root spreads the low shades
const shade = (t: number) => sequential(Math.sqrt(Math.max(0, t)));

function Path({ path, color, dashed }: { path: number[]; color: string; dashed?: boolean }) {
  const pts: string[] = [];
  for (let i = 0; i + 1 < path.length; i += 2) pts.push(toBox(path[i], path[i + 1]).join(','));
  const [ex, ey] = toBox(path[path.length - 2], path[path.length - 1]);
  return (
    <g>
      <polyline points={pts.join(' ')} fill="none" stroke={color} strokeWidth={0.006} strokeDasharray={dashed ? '0.015 0.01' : undefined} />
      <circle cx={ex} cy={ey} r={0.014} fill={color} stroke="#fff" strokeWidth={0.004} />
    </g>
  );
}

function Surface() {
  const f = useSampledFrame(frameOf);
  const m = useSampled(metricsOf);
  const img = f?.surface;
  const plain = f?.plain;
  const clipped = f?.clipped;
  const off = m.x_plain !== undefined && m.x_plain < CLIFF_X[0];
  return (
    <figure className="chart">
      <figcaption>The cliff (dark = low): plain steps (vermillion, dashed) and clipped steps (blue) from the same start</figcaption>
      <Heatmap values={img ?? null} rows={CLIFF_ROWS} cols={CLIFF_COLS} domain={[0, 16]} color={shade} label="Cliff loss surface with both descent paths" size={640}>
        {plain && plain.length >= 2 && <Path path={plain} color={PLAIN} dashed />}
        {clipped && clipped.length >= 2 && <Path path={clipped} color={CLIPPED} />}
      </Heatmap>
      <p className="axis-note">
        x from {CLIFF_X[0]} to {CLIFF_X[1]} across, y from {CLIFF_Y[0]} to {CLIFF_Y[1]} up; the ravine’s floor is near (3.3, 0), the cliff at x = 4.
        {off && <> The plain descent is off the left edge, on the plateau at x = {fmt(m.x_plain, 1)}.</>}
      </p>
    </figure>
  );
}

function LossCurves() {
  const f = useSampledFrame(frameOf);
  const plain = f?.loss_plain ?? [];
  const clipped = f?.loss_clipped ?? [];
  const x = plain.map((_, i) => i);
  return (
    <LineChart
      title="Loss f(θ_t) of both descents (log scale)"
      series={[
        { name: 'plain', x, y: plain, color: PLAIN },
        { name: 'clipped', x, y: clipped, color: CLIPPED },
      ]}
      xLabel="step"
      yLabel="loss"
      logY
    />
  );
}

function StepLengths() {
  const f = useSampledFrame(frameOf);
  const bound = useStore((s) => Number(s.params.lr) * Number(s.params.clip));
  const plain = f?.steps_plain ?? [];
  const clipped = f?.steps_clipped ?? [];
  const x = plain.map((_, i) => i + 1);
  return (
    <LineChart
      title="Length of every step ‖Δθ‖ (log scale); dashed grey: the bound η r"
      series={[
        { name: 'plain', x, y: plain, color: PLAIN },
        { name: 'clipped', x, y: clipped, color: CLIPPED },
        { name: 'η r', x, y: x.map(() => bound), color: '#666', dashed: true },
      ]}
      xLabel="step"
      yLabel="step length"
      logY
    />
  );
}

export function CliffFigures() {
  return (
    <div className="plots" style={CONTAIN}>
      <Figure id="cliff"><Surface /></Figure>
      <Figure id="cliff-loss"><LossCurves /></Figure>
      <Figure id="steps"><StepLengths /></Figure>
    </div>
  );
}

export function CliffEquations() {
  const m = useSampled(metricsOf);
  const r = useStore((s) => Number(s.params.clip));
  return (
    <Figure id="clip-equations">
      <Equation tex={CLIFF_TEX} />
      <EqRow>
        <Equation tex={String.raw`\text{if } \lVert g \rVert > r:\quad g \leftarrow \frac{g\, r}{\lVert g \rVert}`} />
        <Equation tex={String.raw`\lVert \theta_{t} - \theta_{t-1} \rVert = \eta \lVert g \rVert \le \eta r = ${fmt(m.bound, 3)}`} />
      </EqRow>
      <Equation tex={String.raw`\lVert g \rVert = ${fmt(m.grad_norm, 3)}\ ${(m.grad_norm ?? 0) > r ? String.raw`> r: \text{ clipped}` : String.raw`\le r: \text{ unchanged}`}`} />
    </Figure>
  );
}
