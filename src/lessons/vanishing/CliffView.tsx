/** The cliff view: both descents drawn on the surface, step lengths against the bound eta r. */
import { Equation, fmt } from '../../ui/Equation';
import { Heatmap } from '../../ui/plots/Heatmap';
import { LineChart } from '../../ui/plots/LineChart';
import { sequential } from '../../ui/plots/colors';
import { useStore } from '../../ui/store';
import { CLIFF_COLS, CLIFF_ROWS, CLIFF_X, CLIFF_Y } from './cliff';
import { EqRow } from './EqRow';
import { CONTAIN, useSampled } from './sampled';

const PLAIN = '#D55E00';
const CLIPPED = '#56B4E9';
const toBox = (x: number, y: number): [number, number] => [
  (Math.min(CLIFF_X[1], Math.max(CLIFF_X[0], x)) - CLIFF_X[0]) / (CLIFF_X[1] - CLIFF_X[0]),
  (CLIFF_Y[1] - Math.min(CLIFF_Y[1], Math.max(CLIFF_Y[0], y))) / (CLIFF_Y[1] - CLIFF_Y[0]),
];
// f runs from about 0 (valley) to 10.7 (plateau); a square root spreads the valley's shades
const shade = (t: number) => sequential(Math.sqrt(Math.max(0, t)));

function Path({ path, color, dashed }: { path: number[]; color: string; dashed?: boolean }) {
  const pts: string[] = [];
  for (let i = 0; i + 1 < path.length; i += 2) pts.push(toBox(path[i], path[i + 1]).join(','));
  const [ex, ey] = toBox(path[path.length - 2], path[path.length - 1]);
  return (
    <g>
      <polyline points={pts.join(' ')} fill="none" stroke={color} strokeWidth={0.006} strokeDasharray={dashed ? '0.015 0.01' : undefined} />
      <circle cx={ex} cy={ey} r={0.012} fill={color} stroke="#fff" strokeWidth={0.004} />
    </g>
  );
}

function Surface() {
  const f = useSampled((s) => s.frame);
  const img = f?.surface as Float32Array | undefined;
  const plain = f?.plain as number[] | undefined;
  const clipped = f?.clipped as number[] | undefined;
  return (
    <figure className="chart">
      <figcaption>
        The cliff surface (dark = low) with plain steps (orange, dashed) and clipped steps (light blue) from the same start
      </figcaption>
      <Heatmap values={img ?? null} rows={CLIFF_ROWS} cols={CLIFF_COLS} domain={[0, 11]} color={shade} label="Cliff loss surface with both descent paths" size={640}>
        {plain && plain.length >= 2 && <Path path={plain} color={PLAIN} dashed />}
        {clipped && clipped.length >= 2 && <Path path={clipped} color={CLIPPED} />}
      </Heatmap>
      <p className="axis-note">
        x from {CLIFF_X[0]} to {CLIFF_X[1]} across, y from {CLIFF_Y[0]} to {CLIFF_Y[1]} up; the minimum is at (4, 0). Points beyond the edge are drawn on it.
      </p>
    </figure>
  );
}

function StepLengths() {
  const f = useSampled((s) => s.frame);
  const bound = useStore((s) => Number(s.params.lr) * Number(s.params.clip));
  const plain = (f?.steps_plain as number[] | undefined) ?? [];
  const clipped = (f?.steps_clipped as number[] | undefined) ?? [];
  const x = plain.map((_, i) => i + 1);
  return (
    <LineChart
      title="Length of every step ‖Δθ‖ (log scale); dashed grey: the bound η r"
      series={[
        { name: 'plain', x, y: plain, color: PLAIN },
        { name: 'clipped', x, y: clipped, color: '#0072B2' },
        { name: 'η r', x, y: x.map(() => bound), color: '#666', dashed: true },
      ]}
      xLabel="step"
      yLabel="step length"
      logY
    />
  );
}

export function CliffView() {
  const m = useSampled((s) => s.metrics);
  const r = useStore((s) => Number(s.params.clip));
  return (
    <>
      <EqRow>
        <Equation tex={String.raw`\text{if } \lVert g \rVert > r:\quad g \leftarrow \frac{g\, r}{\lVert g \rVert}`} />
        <Equation tex={String.raw`\lVert \theta_{t} - \theta_{t-1} \rVert = \eta \lVert g \rVert \le \eta r = ${fmt(m.bound, 3)}`} />
      </EqRow>
      <Equation tex={String.raw`\lVert g \rVert = ${fmt(m.grad_norm, 3)}\ ${(m.grad_norm ?? 0) > r ? String.raw`> r: \text{ clipped}` : String.raw`\le r: \text{ unchanged}`}`} />
      <div className="plots" style={CONTAIN}>
        <Surface />
        <StepLengths />
      </div>
    </>
  );
}
