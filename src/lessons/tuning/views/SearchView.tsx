/**
 * Grid against random search: the trials on the (log η, log λ) plane coloured
 * by validation error with their projections on the η axis, the error
 * against η alone, and over many searches the best error after n trials.
 */
import { LineChart } from '../../../ui/plots/LineChart';
import { ScaleLegend } from '../../../ui/plots/ScaleLegend';
import { palette } from '../../../ui/plots/colors';
import { useSampled } from '../../../ui/hooks';
import { useStore } from '../../../ui/store';
import { Covered } from '../../../ui/Covered';
import { LOG_LR, LOG_WD, SEARCHES, SEARCH_TRIALS, TRIAL_FIELDS, type SearchFrame } from '../types';
import { DotPlot, type Dot } from './DotPlot';
import { CURVE_MS, ERR_RANGE, errorColor, errorGradient, pow10, selFrame } from './common';

const GRID = palette[0];
const RANDOM = palette[1];
const lrTicks = [-3, -2, -1, 0, 1];
const wdTicks = [-6, -5, -4, -3];

interface Trial {
  kind: 0 | 1;
  logLr: number;
  logWd: number;
  err: number;
  search: number;
}

function trialsOf(f: Partial<SearchFrame> | null): Trial[] {
  const t = f?.trials;
  if (!t) return [];
  const out: Trial[] = [];
  for (let i = 0; i + TRIAL_FIELDS <= t.length; i += TRIAL_FIELDS) out.push({ kind: t[i] as 0 | 1, logLr: t[i + 1], logWd: t[i + 2], err: t[i + 3], search: t[i + 4] });
  return out;
}

const label = (t: Trial) => `${t.kind === 0 ? 'grid' : 'random'}: η = ${(10 ** t.logLr).toPrecision(2)}, λ = ${(10 ** t.logWd).toPrecision(2)}, validation error ${(100 * t.err).toFixed(1)}%`;

/** Only the first search's trials: the plane of one grid search and one random search. */
export function SearchPlane() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<SearchFrame> | null;
  const trials = trialsOf(f).filter((t) => t.search === 0);
  const dots: Dot[] = trials.map((t) => ({ x: t.logLr, y: t.logWd, shape: t.kind, fill: errorColor(t.err), label: label(t) }));
  return (
    <div>
      <DotPlot
        title="Trials on the plane, coloured by validation error; under it their η values"
        dots={dots}
        xDomain={LOG_LR}
        yDomain={LOG_WD}
        xTicks={lrTicks}
        yTicks={wdTicks}
        xFormat={pow10}
        yFormat={pow10}
        xLabel="learning rate η (matters)"
        yLabel="weight decay λ (hardly matters)"
        rugs
        height={200}
      />
      <ScaleLegend from={`error ≤ ${100 * ERR_RANGE[0]}%`} to={`${100 * ERR_RANGE[1]}% (diverged)`} gradient={errorGradient} />
      <p className="axis-note">▪ squares: the 3 × 3 grid; ● circles: random trials, log₁₀ η ~ U(−3, 1) and log₁₀ λ ~ U(−6, −3).</p>
    </div>
  );
}

/** The trials' validation error against η alone: the projection that decides. */
export function SearchSlice() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<SearchFrame> | null;
  const trials = trialsOf(f).filter((t) => t.search === 0);
  const dots: Dot[] = trials.map((t) => ({ x: t.logLr, y: 100 * t.err, shape: t.kind, fill: t.kind === 0 ? GRID : RANDOM, label: label(t) }));
  return (
    <DotPlot
      title="Validation error against η: the grid tries 3 values of η, random search 9"
      dots={dots}
      xDomain={LOG_LR}
      yDomain={[0, 100]}
      xTicks={lrTicks}
      xFormat={pow10}
      xLabel="learning rate η"
      yLabel="validation error (%)"
      height={190}
    />
  );
}

/** Trial k of n, and how long the search has taken. */
export function SearchProgress() {
  const n = useStore((s) => s.metrics.trials ?? 0);
  const total = useStore((s) => s.metrics.trials_total ?? 0);
  const secs = useStore((s) => s.metrics.elapsed_s ?? 0);
  return (
    <p className="axis-note" data-search-progress aria-live="off">
      Trial <span data-trial>{n}</span> of {total || '…'}
      {n > 0 ? `, ${secs.toFixed(1)} s so far` : ''}
      {total > 0 && n >= total ? ' — done' : ''}
    </p>
  );
}

/** Over many searches: the mean best validation error after n trials, grid and random. */
export function SearchCurves() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<SearchFrame> | null;
  const n = Array.from({ length: SEARCH_TRIALS }, (_, i) => i + 1);
  const has = (f?.bests?.length ?? 0) > 0;
  const pct = (a: Float32Array | undefined) => (a && has ? Array.from(a, (v) => 100 * v) : []);
  return (
    <LineChart
      title="Best validation error after n trials, mean over the searches done"
      series={[
        { name: 'grid (row by row)', x: has ? n : [], y: pct(f?.gridCurve), color: GRID, dashed: true },
        { name: 'random', x: has ? n : [], y: pct(f?.randomCurve), color: RANDOM },
      ]}
      xLabel="trials"
      yLabel="best validation error (%)"
      height={220}
    />
  );
}

/** Each search's best: grid against random. */
export function SearchBests() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<SearchFrame> | null;
  const b = f?.bests ?? new Float32Array(0);
  const dots: Dot[] = [];
  for (let s = 0; 2 * s + 1 < b.length; s++) {
    dots.push({ x: s + 1, y: 100 * b[2 * s], shape: 0, fill: GRID, label: `search ${s + 1}: grid ${(100 * b[2 * s]).toFixed(1)}%` });
    dots.push({ x: s + 1, y: 100 * b[2 * s + 1], shape: 1, fill: RANDOM, label: `search ${s + 1}: random ${(100 * b[2 * s + 1]).toFixed(1)}%` });
  }
  const ys = dots.map((d) => d.y);
  const range: [number, number] = ys.length ? [Math.max(0, Math.floor(Math.min(...ys) / 5) * 5 - 5), Math.ceil(Math.max(...ys) / 5) * 5 + 5] : [10, 30];
  const wins = useStore((s) => s.metrics.random_wins);
  const done = useStore((s) => s.metrics.searches_done);
  return (
    <div>
      <DotPlot
        title="Each search’s best validation error: ▪ grid, ● random"
        dots={dots}
        xDomain={[0.5, SEARCHES + 0.5]}
        yDomain={range}
        xTicks={[1, 5, 10, 15, 20].filter((t) => t <= SEARCHES)}
        xLabel="search"
        yLabel="best validation error (%)"
        height={200}
      />
      <Covered>
        <p className="axis-note" data-random-wins>
          {done ? `Random search found the lower error in ${wins} of ${done} searches so far.` : 'No search finished yet.'}
        </p>
      </Covered>
    </div>
  );
}
