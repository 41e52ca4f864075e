import { contours, geoIdentity, geoPath, interpolateRgb, line, scaleLinear, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle } from 'd3';
import { useEffect, useId, useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** A polyline over the plot: points as x0, y0, x1, y1, ... in data units; a symbol marks its last point. */
export interface ContourPath {
  id: string;
  color: string;
  points: ArrayLike<number>;
  /** Index into the head symbols (circle, square, triangle, diamond, cross, star). */
  symbol: number;
  label: string;
}

/** A marked point: a minimum (star), a saddle point (x) or the start (ring). */
export interface ContourMark {
  x: number;
  y: number;
  kind: 'min' | 'saddle' | 'start';
}

export interface ContourPlotProps {
  /** f sampled on a rows x cols grid, row 0 at the top (y max), column 0 at x min. */
  values: Float32Array;
  rows: number;
  cols: number;
  x: [number, number];
  y: [number, number];
  /** Number of filled bands (thresholds at quantiles of the sampled values). */
  levels?: number;
  paths?: ContourPath[];
  marks?: ContourMark[];
  /** Called with the data point under a click, a drag, or the arrow keys (a 2% nudge of the start mark). */
  onPick?: (x: number, y: number) => void;
  label: string;
}

const S = 400;
const M = { top: 8, right: 8, bottom: 30, left: 38 };
const PX = 2; // canvas pixels per plot unit, for a sharp image on dense screens
const SYMBOLS = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar];
const band = interpolateRgb('#fbfaf3', '#9aa6ba');
const MAX_POINTS = 1500;

/** Draws filled contour bands (thresholds at quantiles, so every band has the same area) onto a canvas. */
function drawContours(cv: HTMLCanvasElement, values: Float32Array, rows: number, cols: number, levels: number): void {
  const ctx = cv.getContext('2d');
  if (!ctx || values.length < rows * cols) return;
  ctx.clearRect(0, 0, cv.width, cv.height);
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (!finite.length) return;
  const th = Array.from({ length: levels }, (_, i) => finite[Math.floor((i / levels) * (finite.length - 1))]).filter((v, i, a) => i === 0 || v > a[i - 1]);
  const path = geoPath(geoIdentity().scale(cv.width / cols), ctx);
  const polys = contours().size([cols, rows]).thresholds(th)(Array.from(values, (v) => (Number.isFinite(v) ? v : finite[finite.length - 1])));
  polys.forEach((p, i) => {
    ctx.beginPath();
    path(p);
    ctx.fillStyle = band(i / Math.max(1, polys.length - 1));
    ctx.fill();
    ctx.strokeStyle = 'rgba(40, 50, 70, 0.28)';
    ctx.lineWidth = PX;
    ctx.stroke();
  });
}

/** A 2-D function as filled contours with paths and marks on top; click, drag or arrow keys pick a point. */
export function ContourPlot({ values, rows, cols, x, y, levels = 16, paths = [], marks = [], onPick, label }: ContourPlotProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // the bands are drawn once per surface, on their own canvas under the SVG, so a moving path never repaints them
  useEffect(() => {
    if (canvas.current) drawContours(canvas.current, values, rows, cols, levels);
  }, [values, rows, cols, levels]);
  const sx = scaleLinear().domain(x).range([M.left, M.left + S]);
  const sy = scaleLinear().domain(y).range([M.top + S, M.top]);
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);
  const clipId = `clip${useId().replace(/:/g, '')}`;

  const pick = (e: PointerEvent<SVGSVGElement>) => {
    const r = svg.current?.getBoundingClientRect();
    if (!r || !onPick) return;
    const k = (S + M.left + M.right) / r.width;
    const px = (e.clientX - r.left) * k;
    const py = (e.clientY - r.top) * ((S + M.top + M.bottom) / r.height);
    const cx = Math.min(x[1], Math.max(x[0], sx.invert(px)));
    const cy = Math.min(y[1], Math.max(y[0], sy.invert(py)));
    onPick(cx, cy);
  };
  const start = marks.find((m) => m.kind === 'start');
  const nudge = (e: KeyboardEvent) => {
    const d: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (!onPick || !start || !d[e.key]) return;
    e.preventDefault();
    const [dx, dy] = d[e.key];
    onPick(Math.min(x[1], Math.max(x[0], start.x + 0.02 * dx * (x[1] - x[0]))), Math.min(y[1], Math.max(y[0], start.y + 0.02 * dy * (y[1] - y[0]))));
  };
  const toD = (pts: ArrayLike<number>) => {
    const n = Math.floor(pts.length / 2);
    const every = Math.max(1, Math.ceil(n / MAX_POINTS));
    const idx: number[] = [];
    for (let i = 0; i < n; i += every) idx.push(i);
    if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
    return line<number>()
      .x((i) => sx(pts[2 * i]))
      .y((i) => sy(pts[2 * i + 1]))(idx) ?? '';
  };
  const W = S + M.left + M.right;
  const H = S + M.top + M.bottom;
  return (
    <div className="contour-plot" style={{ position: 'relative' }}>
    <canvas
      ref={canvas}
      width={S * PX}
      height={S * PX}
      aria-hidden="true"
      style={{ position: 'absolute', left: `${(100 * M.left) / W}%`, top: `${(100 * M.top) / H}%`, width: `${(100 * S) / W}%`, height: `${(100 * S) / H}%` }}
    />
    <svg
      ref={svg}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      tabIndex={onPick ? 0 : undefined}
      onKeyDown={nudge}
      onPointerDown={(e) => {
        if (!onPick) return;
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        pick(e);
      }}
      onPointerMove={(e) => dragging.current && pick(e)}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
      style={{ position: 'relative', display: 'block', width: '100%', height: 'auto', willChange: 'transform', touchAction: onPick ? 'none' : undefined, cursor: onPick ? 'crosshair' : undefined }}
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={M.left} y={M.top} width={S} height={S} />
        </clipPath>
      </defs>
      <rect x={M.left} y={M.top} width={S} height={S} fill="none" stroke="#888" />
      {sx.ticks(5).map((t) => (
        <text key={`x${t}`} x={sx(t)} y={M.top + S + 16} textAnchor="middle" className="tick">
          {t}
        </text>
      ))}
      {sy.ticks(5).map((t) => (
        <text key={`y${t}`} x={M.left - 5} y={sy(t)} dy="0.32em" textAnchor="end" className="tick">
          {t}
        </text>
      ))}
      <text x={M.left + S / 2} y={H - 2} textAnchor="middle" className="label">
        x
      </text>
      <g clipPath={`url(#${clipId})`}>
        {marks.map((m, i) =>
          m.kind === 'min' ? (
            <path key={i} d={symbol(symbolStar, 140)() ?? ''} transform={`translate(${sx(m.x)} ${sy(m.y)})`} fill="#fff" stroke="#1b1d22" strokeWidth={1.5} data-mark="min" />
          ) : m.kind === 'saddle' ? (
            <path key={i} d="M-6,-6L6,6M-6,6L6,-6" transform={`translate(${sx(m.x)} ${sy(m.y)})`} stroke="#1b1d22" strokeWidth={2.5} data-mark="saddle" />
          ) : null,
        )}
        {paths.map((p) => (
          <g key={p.id} data-path={p.id}>
            <path d={toD(p.points)} fill="none" stroke={p.color} strokeWidth={2} strokeLinejoin="round" />
            {p.points.length >= 2 && (
              <path
                d={symbol(SYMBOLS[p.symbol % SYMBOLS.length], 90)() ?? ''}
                transform={`translate(${sx(p.points[p.points.length - 2])} ${sy(p.points[p.points.length - 1])})`}
                fill={p.color}
                stroke="#fff"
                strokeWidth={1.2}
              >
                <title>{p.label}</title>
              </path>
            )}
          </g>
        ))}
        {start && <circle cx={sx(start.x)} cy={sy(start.y)} r={7} fill="none" stroke="#1b1d22" strokeWidth={2.5} data-mark="start" />}
      </g>
    </svg>
    </div>
  );
}

/** The head symbol of path k as an SVG path (for legends). */
export function pathSymbol(k: number, size = 70): string {
  return symbol(SYMBOLS[k % SYMBOLS.length], size)() ?? '';
}
