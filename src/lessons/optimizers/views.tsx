/** The race's figures: the contour with trajectories, the finish table and the two charts. */
import { useEffect, useMemo, useRef } from 'react';
import type { Surface } from '../../engine';
import { changeParams } from '../../ui/actions';
import { ContourPlot, pathSymbol, type ContourMark } from '../../ui/plots/ContourPlot';
import { LineChart, type Series } from '../../ui/plots/LineChart';
import { useStore, type History, type State } from '../../ui/store';
import { clampStart, makeSurface } from './experiment';
import { RACER_LABELS, type SurfaceName } from './meta';
import { RACERS, type RacerName } from './racer';
import { RACER_COLORS, RACER_SYMBOLS } from './style';
import { useThrottledStore } from './throttle';

const GRID = 160;
/** The charts redraw about 8 times a second; the contour's paths follow every frame. */
const CHART_MS = 125;
const selectHistory = (s: State) => s.history;
/** Points per chart line: plenty for a 480-unit-wide chart, and a fraction of the history's 1500. */
const CHART_POINTS = 300;

/** The history thinned to at most CHART_POINTS steps (every k-th, always with the last). */
function useChartHistory(): History {
  const h = useThrottledStore(selectHistory, CHART_MS);
  return useMemo(() => {
    const n = h.step.length;
    const k = Math.ceil(n / CHART_POINTS);
    if (k <= 1) return h;
    const keep = (_: unknown, i: number) => i % k === 0 || i === n - 1;
    return { step: h.step.filter(keep), values: Object.fromEntries(Object.entries(h.values).map(([name, v]) => [name, v.filter(keep)])) };
  }, [h]);
}

/** The enabled racers, in race order (selected as a string so the store hands back a stable value). */
export function useEnabled(): RacerName[] {
  const key = useStore((s) => RACERS.filter((r) => s.params[`on_${r}`] !== false).join(','));
  return useMemo(() => (key ? (key.split(',') as RacerName[]) : []), [key]);
}

/** The surface the params describe (memoized on its name and kappa). */
export function useSurface(): Surface {
  const name = useStore((s) => String(s.params.surface ?? 'quadratic')) as SurfaceName;
  const kappa = useStore((s) => Number(s.params.kappa ?? 50));
  return useMemo(() => makeSurface(name, kappa), [name, kappa]);
}

/** f sampled at cell centres, row 0 at the top (y max). */
function sample(s: Surface): Float32Array {
  const v = new Float32Array(GRID * GRID);
  const [x0, x1] = s.domain.x;
  const [y0, y1] = s.domain.y;
  for (let r = 0; r < GRID; r++) {
    const y = y1 - ((r + 0.5) / GRID) * (y1 - y0);
    for (let c = 0; c < GRID; c++) v[r * GRID + c] = s.f(x0 + ((c + 0.5) / GRID) * (x1 - x0), y);
  }
  return v;
}

const round = (v: number) => Number(v.toFixed(3));

/** Moves the common start point; drags are committed at most once per animation frame. */
function useStartPicker(): (x: number, y: number) => void {
  const latest = useRef<[number, number] | null>(null);
  const raf = useRef(0);
  useEffect(() => () => cancelAnimationFrame(raf.current), []);
  return (x, y) => {
    latest.current = [x, y];
    if (raf.current) return;
    raf.current = requestAnimationFrame(() => {
      raf.current = 0;
      const p = latest.current;
      if (p) changeParams({ startX: round(p[0]), startY: round(p[1]) });
    });
  };
}

export function RaceContour() {
  const surface = useSurface();
  const enabled = useEnabled();
  const startX = useStore((s) => Number(s.params.startX));
  const startY = useStore((s) => Number(s.params.startY));
  const frame = useStore((s) => s.frame);
  const values = useMemo(() => sample(surface), [surface]);
  const pick = useStartPicker();
  const start = clampStart(surface, startX, startY);
  const marks: ContourMark[] = [
    ...surface.minima.map(([x, y]) => ({ x, y, kind: 'min' as const })),
    ...(surface.saddles ?? []).map(([x, y]) => ({ x, y, kind: 'saddle' as const })),
    { x: start[0], y: start[1], kind: 'start' },
  ];
  const paths = enabled.map((r) => ({
    id: r,
    color: RACER_COLORS[r],
    symbol: RACER_SYMBOLS[r],
    points: (frame?.[`path_${r}`] as Float32Array | undefined) ?? start,
  }));
  return (
    <figure className="chart race-contour" data-start={`${start[0]},${start[1]}`}>
      <figcaption>
        Contours of f ({surface.minima.length ? 'stars mark the minima' : '× marks the saddle point'}); the ring is the common start. Click or drag to move it,
        or focus the plot and use the arrow keys.
      </figcaption>
      <ContourPlot
        values={values}
        rows={GRID}
        cols={GRID}
        x={surface.domain.x}
        y={surface.domain.y}
        paths={paths}
        marks={marks}
        onPick={pick}
        label={`Contour plot of the ${surface.name} surface with each optimizer's path from the start point (${start[0]}, ${start[1]})`}
      />
      <ul className="legend">
        {paths.map(({ id: r, points }) => (
          <li key={r} data-path={r} data-points={points.length / 2}>
            <svg viewBox="-7 -7 14 14" aria-hidden="true" style={{ width: 14, height: 14, display: 'inline-block', verticalAlign: '-0.1em' }}>
              <path d={pathSymbol(RACER_SYMBOLS[r])} fill={RACER_COLORS[r]} />
            </svg>{' '}
            {RACER_LABELS[r]}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => changeParams({ startX: surface.start[0], startY: surface.start[1] })}>
        Start from the suggested point ({surface.start[0]}, {surface.start[1]})
      </button>
    </figure>
  );
}

/** Steps to reach the finish radius, or "diverged" / "escaped" / "not yet" (text, per racer). */
export function FinishTable() {
  const enabled = useEnabled();
  const m = useStore((s) => s.metrics);
  const done = useStore((s) => s.done);
  const tol = useStore((s) => Number(s.params.tol));
  const surface = useSurface();
  const status = (r: RacerName) => {
    if (m[`diverged_${r}`] === 1) return 'diverged';
    if (m[`escaped_${r}`] === 1) return `escaped at step ${m[`stopped_${r}`]}`;
    if (m[`reached_${r}`] > 0) return `reached at step ${m[`reached_${r}`]}`;
    if (!surface.minima.length) return done ? 'did not escape' : 'not yet';
    return done ? 'not reached' : 'not yet';
  };
  return (
    <table className="finish-table">
      <caption>{surface.minima.length ? `Finish: within ε = ${tol} of a minimum` : 'Escape from the saddle'}</caption>
      <thead>
        <tr>
          <th scope="col">Racer</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {enabled.map((r) => (
          <tr key={r}>
            <th scope="row">
              <span className="swatch" style={{ background: RACER_COLORS[r] }} />
              {RACER_LABELS[r]}
            </th>
            <td data-racer-status={r}>{status(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LossChart() {
  const enabled = useEnabled();
  const h = useChartHistory();
  const surface = useSurface();
  // the saddle's f is unbounded below: a log axis only makes sense where f >= 0
  const logY = surface.minima.length > 0;
  const series: Series[] = enabled.map((r) => ({ name: RACER_LABELS[r], x: h.step, y: h.values[`loss_${r}`] ?? [], color: RACER_COLORS[r] }));
  return <LineChart title="Loss f(θ_t) per step" series={series} xLabel="step" yLabel={logY ? 'f (log scale)' : 'f'} logY={logY} />;
}

const ADAPTIVE: RacerName[] = ['adagrad', 'rmsprop', 'adam'];

/** alpha_t for the plain rules; alpha_t / sqrt(G_j + eps) per coordinate (x solid, y dashed) for the adaptive ones. */
export function StepChart() {
  const enabled = useEnabled();
  const h = useChartHistory();
  const series: Series[] = enabled.flatMap((r) => {
    const x = { name: `${RACER_LABELS[r]}${ADAPTIVE.includes(r) ? ' x' : ''}`, x: h.step, y: h.values[`eta_${r}_x`] ?? [], color: RACER_COLORS[r] };
    if (!ADAPTIVE.includes(r)) return [x];
    return [x, { name: `${RACER_LABELS[r]} y (dashed)`, x: h.step, y: h.values[`eta_${r}_y`] ?? [], color: RACER_COLORS[r], dashed: true }];
  });
  return <LineChart title="Effective step size per coordinate (the factor in front of g)" series={series} xLabel="step" yLabel="step size (log)" logY />;
}
