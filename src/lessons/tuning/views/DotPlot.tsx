/**
 * Marks in a plane on fixed axes: squares for one kind, circles for the other
 * (the grid's trials and random search's, told apart without colour), each
 * filled by a colour of its own; optional rugs of the x values under the axis.
 */
import { scaleLinear } from 'd3';
import { Axes, MARGIN, usePlotClip } from '../../../ui/plots/Axes';
import { COVER_TEXT, useResultsHidden } from '../../../ui/reveal';

export interface Dot {
  x: number;
  y: number;
  /** 0 = square, 1 = circle. */
  shape: 0 | 1;
  fill: string;
  label?: string;
}

export interface DotPlotProps {
  dots: readonly Dot[];
  xDomain: [number, number];
  yDomain: [number, number];
  xLabel: string;
  yLabel: string;
  title: string;
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  xTicks?: number[];
  yTicks?: number[];
  /** Draw each shape's x values as ticks in a strip under the plot (their projections on the x axis). */
  rugs?: boolean;
  height?: number;
  /** A horizontal reference line. */
  refY?: { y: number; label: string };
  /** Results that a class predicts: covered while results are hidden. */
  result?: boolean;
}

const W = 480;

export function DotPlot({ dots, xDomain, yDomain, xLabel, yLabel, title, xFormat, yFormat, xTicks, yTicks, rugs = false, height = 260, refY, result = true }: DotPlotProps) {
  const hidden = useResultsHidden() && result;
  const rugH = rugs ? 34 : 0;
  const m = { ...MARGIN, bottom: MARGIN.bottom + rugH };
  const H = height + rugH;
  const x = scaleLinear().domain(xDomain).range([m.left, W - m.right]);
  const y = scaleLinear().domain(yDomain).range([H - m.bottom, m.top]);
  const clip = usePlotClip();
  const shown = hidden ? [] : dots;
  const mark = (d: Dot, cx: number, cy: number, r: number, k: number) =>
    d.shape === 0 ? (
      <rect key={k} x={cx - r} y={cy - r} width={2 * r} height={2 * r} fill={d.fill} stroke="currentColor" strokeWidth={1}>
        {d.label && <title>{d.label}</title>}
      </rect>
    ) : (
      <circle key={k} cx={cx} cy={cy} r={r} fill={d.fill} stroke="currentColor" strokeWidth={1}>
        {d.label && <title>{d.label}</title>}
      </circle>
    );
  const rugTop = H - m.bottom + 28;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${yLabel} against ${xLabel}`}>
        <Axes x={x} y={y} width={W} height={H - rugH} m={{ ...m, bottom: MARGIN.bottom }} xTicks={xTicks ?? x.ticks(5)} yTicks={yTicks ?? y.ticks(4)} xFormat={xFormat} yFormat={yFormat} xLabel={xLabel} yLabel={yLabel} clipId={clip} />
        {refY && (
          <g>
            <line x1={m.left} x2={W - m.right} y1={y(refY.y)} y2={y(refY.y)} className="marker" />
            <text x={W - m.right - 4} y={y(refY.y) - 5} textAnchor="end" className="tick">
              {refY.label}
            </text>
          </g>
        )}
        <g clipPath={`url(#${clip})`}>{shown.map((d, k) => mark(d, x(d.x), y(d.y), 6, k))}</g>
        {rugs && (
          <g data-rugs>
            {[0, 1].map((s) => (
              <g key={s}>
                <text x={m.left - 6} y={rugTop + s * 14 + 4} textAnchor="end" className="tick">
                  {s === 0 ? '▪' : '●'}
                </text>
                {shown
                  .filter((d) => d.shape === s)
                  .map((d, k) => (
                    <line key={k} x1={x(d.x)} x2={x(d.x)} y1={rugTop + s * 14 - 5} y2={rugTop + s * 14 + 6} stroke={d.fill} strokeWidth={3} />
                  ))}
              </g>
            ))}
          </g>
        )}
        {hidden && (
          <g data-cover>
            <rect className="cover-rect" x={m.left} y={m.top} width={W - m.left - m.right} height={H - rugH - m.top - MARGIN.bottom} rx={6} />
            <text className="cover-text" x={(m.left + W - m.right) / 2} y={(m.top + H - rugH - MARGIN.bottom) / 2} textAnchor="middle">
              {COVER_TEXT.split(' — ').map((line, i) => (
                <tspan key={line} x={(m.left + W - m.right) / 2} dy={i === 0 ? '-0.2em' : '1.3em'}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
