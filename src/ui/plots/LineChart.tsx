import { useEffect, useRef } from 'react';
import { line, scaleLinear, scaleLog } from 'd3';
import { Axes, MARGIN, formatCount, pow10Format, integerTicks, logTicks, usePlotClip } from './Axes';
import { palette } from './colors';
import { Legend } from './Legend';
import { plainMath } from '../text';
import { useFigureId } from '../figureContext';
import { chartKey, registerChart } from '../compare/kept';
import { GhostLines, useGhosts } from '../compare/GhostLines';
import { COVER_TEXT, useResultsHidden } from '../reveal';

export interface Series {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color?: string;
  dashed?: boolean;
}

export interface LineChartProps {
  series: Series[];
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  height?: number;
  /** Vertical markers (e.g. the best validation step). */
  markers?: { x: number; label: string }[];
  title?: string;
  /** The x axis counts something (steps, the default): whole-number ticks. False for a continuous x. */
  integerX?: boolean;
  /** A fixed y range (e.g. [0, 1] for accuracies) instead of one fitted to the data. */
  yDomain?: [number, number];
  /** The x axis spans the data only (e.g. layers 1..L, a window of recent steps) instead of starting at 0. */
  fitX?: boolean;
  /** Replaces the per-series legend, e.g. a <ScaleLegend> for one line per layer. */
  legend?: React.ReactNode;
}

const W = 480;
const M = MARGIN;

/**
 * A line chart in SVG: series of (x, y), optional log y axis (ticks at powers
 * of ten), whole-number step ticks, a legend by colour and dash when several.
 * Marks are clipped to the plot area; non-finite points leave a gap.
 */
export function LineChart({ series, xLabel, yLabel, logY = false, height = 220, markers = [], title, integerX = true, yDomain, fitX = false, legend }: LineChartProps) {
  const H = height;
  // what Keep this run keeps: the live curves even while they are hidden
  const given = series;
  // predict, then reveal: while hidden the axes fit no data and a cover says why (the curves are not drawn)
  const hidden = useResultsHidden();
  if (hidden) {
    series = series.map((s) => ({ ...s, x: [], y: [] }));
    markers = [];
  }
  const clip = usePlotClip();
  // kept runs ("Keep this run"): this chart offers its curves and draws theirs, faded, under the live ones
  const key = chartKey(useFigureId(), title, yLabel);
  const current = useRef(series);
  current.current = given;
  useEffect(() => registerChart(key, () => current.current), [key]);
  // kept runs are results too: hidden with the live ones
  const kept = useGhosts(key);
  const ghosts = hidden ? [] : kept;
  const all = ghosts.length ? [...series, ...ghosts.flatMap((g) => g.series)] : series;
  const xs = all.flatMap((s) => s.x).filter(Number.isFinite);
  const ys = all.flatMap((s) => s.y).filter((v) => Number.isFinite(v) && (!logY || v > 0));
  // values that a log axis cannot place (exactly 0): said in the plot, never an empty chart without a word
  const unplaced = logY && !hidden && ys.length === 0 && all.some((s) => s.y.some((v) => v === 0));
  const xLo = xs.length ? (fitX ? Math.min(...xs) : Math.min(0, ...xs)) : 0;
  const xMax = Math.max(integerX ? (fitX ? xLo + 1 : 1) : xLo + 1e-9, ...xs);
  const x = scaleLinear().domain([xLo, xMax]).range([M.left, W - M.right]);
  let yLo = ys.length ? Math.min(...ys) : logY ? 0.1 : 0;
  let yHi = ys.length ? Math.max(...ys) : 1;
  if (logY) {
    yLo = Math.max(yLo, 1e-12);
    if (yHi <= yLo) yHi = yLo * 10;
  } else {
    yLo = Math.min(0, yLo);
    if (yHi <= yLo) yHi = yLo + 1;
  }
  if (yDomain) [yLo, yHi] = yDomain;
  const y = (logY ? scaleLog() : scaleLinear()).domain([yLo, yHi]).range([H - M.bottom, M.top]).nice();
  const xTicks = integerX ? integerTicks(x, 5) : x.ticks(5);
  const yTicks = logY ? logTicks(y) : y.ticks(4);
  const fmtY = logY ? pow10Format(yTicks) : y.tickFormat(4);
  return (
    <figure className="chart" data-line-chart>
      {title && <figcaption>{plainMath(title)}</figcaption>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title ? `${title}: ` : ''}${yLabel} against ${xLabel}`}>
        <Axes x={x} y={y} width={W} height={H} xTicks={xTicks} yTicks={yTicks} xFormat={integerX ? formatCount : x.tickFormat(5)} yFormat={fmtY} xLabel={xLabel} yLabel={yLabel} clipId={clip} />
        <g clipPath={`url(#${clip})`}>
          {markers.map((m) => (
            <line key={m.label} data-marker={m.label} x1={x(m.x)} x2={x(m.x)} y1={M.top} y2={H - M.bottom} className="marker" />
          ))}
          {series.map((s, k) => {
            const d = line<number>()
              .defined((v, i) => Number.isFinite(v) && Number.isFinite(s.x[i]) && (!logY || v > 0))
              .x((_, i) => x(s.x[i]))
              .y((v) => y(v))(s.y as number[]);
            return <path key={s.name} data-series={s.name} d={d ?? ''} fill="none" stroke={s.color ?? palette[k % palette.length]} strokeWidth={2} strokeDasharray={s.dashed ? '6 4' : undefined} />;
          })}
          {/* kept runs over the live ones: a run the live one retraces must still show */}
          {ghosts.length > 0 && <GhostLines ghosts={ghosts} live={series} x={x} y={y} logY={logY} right={W - M.right} top={M.top} bottom={H - M.bottom} />}
        </g>
        {markers.map((m) => {
          // the marker's label stays inside the plot: to the left of a line near the right edge
          const right = x(m.x) > W - M.right - 90;
          return (
            <text key={`t${m.label}`} x={x(m.x) + (right ? -4 : 4)} y={M.top + 12} textAnchor={right ? 'end' : 'start'} className="tick">
              {m.label}
            </text>
          );
        })}
        {unplaced && (
          <text data-chart-note className="cover-text" x={(M.left + W - M.right) / 2} y={(M.top + H - M.bottom) / 2} textAnchor="middle">
            <tspan x={(M.left + W - M.right) / 2} dy="-0.2em">{yLabel.split(' (')[0]} is exactly 0:</tspan>
            <tspan x={(M.left + W - M.right) / 2} dy="1.3em">a log axis has no place for it</tspan>
          </text>
        )}
        {hidden && (
          <g data-cover>
            <rect className="cover-rect" x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} rx={6} />
            {/* two short lines: the plot area is narrow on a phone and in a presenter's side column */}
            <text className="cover-text" x={(M.left + W - M.right) / 2} y={(M.top + H - M.bottom) / 2} textAnchor="middle">
              {COVER_TEXT.split(' — ').map((line, i) => (
                <tspan key={line} x={(M.left + W - M.right) / 2} dy={i === 0 ? '-0.2em' : '1.3em'}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        )}
      </svg>
      {legend ?? (series.length > 1 && <Legend series={series} />)}
    </figure>
  );
}
