/** The race's figures: the contour with trajectories, the finish table and the two charts. */
import { useEffect, useMemo, useRef } from 'react';
import type { Surface } from '../../engine';
import { changeParams } from '../../ui/actions';
import { useFrame, useSampled } from '../../ui/hooks';
import { ContourPlot, pathSymbol, type ContourMark } from '../../ui/plots/ContourPlot';
import { LineChart, type Series } from '../../ui/plots/LineChart';
import { useStore, type History, type State } from '../../ui/store';
import { thin } from '../../ui/thin';
import { RACER_COLORS, RACER_SYMBOLS } from './style';
import { clampStart, makeSurface } from './surface';
import { RACER_LABELS, RACERS, SURFACES, TAIL, type RaceFrame, type RacerName, type SurfaceName } from './types';

const GRID = 160;
/** The charts redraw about 8 times a second; the contour's paths follow every frame. */
const CHART_MS = 125;
const selectHistory = (s: State) => s.history;
/** Points per chart line: plenty for a 480-unit-wide chart, and a fraction of the history's 1500. */
const CHART_POINTS = 300;

/** One metric's history thinned to at most CHART_POINTS steps: [steps, values]. */
function thinned(h: History, name: string): [number[], number[]] {
  return thin(h.step, h.values[name] ?? [], CHART_POINTS);
}

/** The enabled racers, in race order (selected as a string so the store hands back a stable value). */
export function useEnabled(): RacerName[] {
  const key = useStore((s) => RACERS.filter((r) => s.params[`on_${r}`] !== false).join(','));
  return useMemo(() => (key ? (key.split(',') as RacerName[]) : []), [key]);
}

/** The surface the params describe (memoized on its name and kappa). */
export function useSurface(): Surface {
  const raw = useStore((s) => String(s.params.surface));
  const name: SurfaceName = (SURFACES as readonly string[]).includes(raw) ? (raw as SurfaceName) : 'quadratic';
  const kappa = useStore((s) => Number(s.params.kappa ?? 50));
  return useMemo(() => makeSurface(name, kappa), [name, kappa]);
}

const selectFrame = (f: Partial<RaceFrame>) => f;

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
  const frame = useFrame(selectFrame);
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
    points: frame?.[`path_${r}`] ?? start,
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

/** Per racer: the first step within the finish radius (or "diverged" / "escaped" / "not yet"), the distance to the nearest minimum now and its mean over the last TAIL steps. */
export function FinishTable() {
  const enabled = useEnabled();
  const m = useStore((s) => s.metrics);
  const done = useStore((s) => s.done);
  const tol = useStore((s) => Number(s.params.tol));
  const surface = useSurface();
  const hasMin = surface.minima.length > 0;
  const status = (r: RacerName) => {
    if (m[`diverged_${r}`] === 1) return 'diverged';
    if (m[`escaped_${r}`] === 1) return `escaped at step ${m[`stopped_${r}`]}`;
    if (m[`reached_${r}`] > 0) return `reached at step ${m[`reached_${r}`]}`;
    if (!hasMin) return done ? 'did not escape' : 'not yet';
    return done ? 'not reached' : 'not yet';
  };
  const dist = (r: RacerName, key = 'dist') => {
    const d = m[`${key}_${r}`];
    if (d === undefined || m[`diverged_${r}`] === 1) return '–';
    return d === 0 ? '0' : d < 1e-4 ? d.toExponential(1) : d.toFixed(3);
  };
  return (
    <table className="finish-table">
      <caption>
        {hasMin
          ? `Finish: first step within ε = ${tol} of a minimum, the distance to the nearest minimum now, and its mean over the racer’s last ${TAIL} steps`
          : 'Escape from the saddle'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Racer</th>
          <th scope="col">{hasMin ? 'First within ε' : 'Status'}</th>
          {hasMin && <th scope="col">Distance now</th>}
          {hasMin && <th scope="col">Mean, last {TAIL} steps</th>}
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
            {hasMin && <td data-racer-dist={r}>{dist(r)}</td>}
            {hasMin && <td data-racer-avgdist={r}>{dist(r, 'avgdist')}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LossChart() {
  const enabled = useEnabled();
  const h = useSampled(selectHistory, CHART_MS);
  const surface = useSurface();
  // the saddle's f is unbounded below: a log axis only makes sense where f >= 0
  const logY = surface.minima.length > 0;
  const series: Series[] = useMemo(
    () =>
      enabled.map((r) => {
        const [x, y] = thinned(h, `loss_${r}`);
        return { name: RACER_LABELS[r], x, y, color: RACER_COLORS[r] };
      }),
    [h, enabled],
  );
  return <LineChart title="Loss f(θ_t) per step" series={series} xLabel="step" yLabel={logY ? 'f (log scale)' : 'f'} logY={logY} />;
}

/** The step each racer actually took, |θ_j,t − θ_j,t−1| per coordinate (x solid, y dashed), on a log axis. */
export function StepChart() {
  const enabled = useEnabled();
  const h = useSampled(selectHistory, CHART_MS);
  const series: Series[] = useMemo(
    () =>
      enabled.flatMap((r) => {
        const [x, y] = thinned(h, `step_${r}_x`);
        const [x2, y2] = thinned(h, `step_${r}_y`);
        return [
          { name: `${RACER_LABELS[r]} x`, x, y, color: RACER_COLORS[r] },
          { name: `${RACER_LABELS[r]} y (dashed)`, x: x2, y: y2, color: RACER_COLORS[r], dashed: true },
        ];
      }),
    [h, enabled],
  );
  return <LineChart title="The step taken per coordinate, |θⱼ,ₜ − θⱼ,ₜ₋₁| (x solid, y dashed)" series={series} xLabel="step" yLabel="|Δθⱼ| (log)" logY />;
}
