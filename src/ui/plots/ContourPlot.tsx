import { edgeAnchor } from './Axes';
import { useTextScale } from './textScale';
import { contours, geoIdentity, geoPath, interpolateRgb, scaleLinear, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle } from 'd3';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';

/** A polyline over the plot: points as x0, y0, x1, y1, ... in data units; a symbol marks its last point. */
export interface ContourPath {
  id: string;
  color: string;
  points: ArrayLike<number>;
  /** Index into the head symbols (circle, square, triangle, diamond, cross, star). */
  symbol: number;
}

/** A marked point: a minimum (star), a saddle point (x) or the start (ring). */
export interface ContourMark {
  x: number;
  y: number;
  kind: 'min' | 'saddle' | 'start';
}

export interface ContourPlotProps {
  /** f sampled at cell centres on a rows x cols grid, row 0 at the top (y max), column 0 at x min. */
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
// bottom: room for the x ticks and, under them, the axis title without touching (presenter type is large)
const M = { top: 8, right: 8, bottom: 38, left: 38 };
const W = S + M.left + M.right;
const H = S + M.top + M.bottom;
/** Canvas pixels per plot unit: sharp on dense screens, and no bigger than needed elsewhere (the trails canvas is re-uploaded every frame). */
const PX = typeof devicePixelRatio === 'number' ? Math.min(2, Math.max(1, devicePixelRatio)) : 1;
/** How long a touch is held still before it drags the start mark (shorter touches scroll or tap). */
const HOLD_MS = 350;
const SYMBOLS = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar];
const band = interpolateRgb('#fbfaf3', '#9aa6ba');
/** The plot area's place in the figure, for the canvases under and over nothing but the SVG's frame. */
const AREA: CSSProperties = { position: 'absolute', left: `${(100 * M.left) / W}%`, top: `${(100 * M.top) / H}%`, width: `${(100 * S) / W}%`, height: `${(100 * S) / H}%` };

/** Filled contour bands (thresholds at quantiles, so every band has the same area) onto a canvas. */
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

/** The paths and their head symbols onto a transparent canvas (cheap to redraw every frame, no DOM to lay out). */
function drawPaths(cv: HTMLCanvasElement, paths: ContourPath[], x: [number, number], y: [number, number]): void {
  const ctx = cv.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, cv.width, cv.height);
  const px = (v: number) => ((v - x[0]) / (x[1] - x[0])) * cv.width;
  const py = (v: number) => ((y[1] - v) / (y[1] - y[0])) * cv.height;
  ctx.lineJoin = 'round';
  for (const p of paths) {
    const n = Math.floor(p.points.length / 2);
    if (!n) continue;
    ctx.beginPath();
    ctx.moveTo(px(p.points[0]), py(p.points[1]));
    for (let i = 1; i < n; i++) ctx.lineTo(px(p.points[2 * i]), py(p.points[2 * i + 1]));
    ctx.strokeStyle = p.color;
    ctx.lineWidth = 2 * PX;
    ctx.stroke();
    ctx.save();
    ctx.translate(px(p.points[2 * n - 2]), py(p.points[2 * n - 1]));
    ctx.scale(PX, PX);
    ctx.beginPath();
    symbol(SYMBOLS[p.symbol % SYMBOLS.length], 90).context(ctx)();
    ctx.fillStyle = p.color;
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.2;
    ctx.stroke();
    ctx.restore();
  }
}

/** A 2-D function as filled contours with paths and marks on top; click, drag or arrow keys pick a point. */
export function ContourPlot({ values, rows, cols, x, y, levels = 16, paths = [], marks = [], onPick, label }: ContourPlotProps) {
  const bands = useRef<HTMLCanvasElement>(null);
  const trails = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  useTextScale(svg);
  const dragging = useRef(false);
  const touch = useRef<{ x: number; y: number; armed: boolean } | null>(null);
  const hold = useRef<ReturnType<typeof setTimeout> | null>(null);
  const endTouch = () => {
    dragging.current = false;
    touch.current = null;
    if (hold.current) clearTimeout(hold.current);
    hold.current = null;
  };
  // once a held touch has armed a drag, its moves drag the mark instead of scrolling the page
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const stop = (e: TouchEvent) => {
      // a touchmove the browser already scrolls with cannot be cancelled (and asking logs an intervention)
      if (touch.current?.armed && e.cancelable) e.preventDefault();
    };
    el.addEventListener('touchmove', stop, { passive: false });
    return () => el.removeEventListener('touchmove', stop);
  }, []);
  // the bands are drawn once per surface; only the trails' canvas changes during a race
  useEffect(() => {
    if (bands.current) drawContours(bands.current, values, rows, cols, levels);
  }, [values, rows, cols, levels]);
  useEffect(() => {
    if (trails.current) drawPaths(trails.current, paths, x, y);
  });
  const sx = scaleLinear().domain(x).range([M.left, M.left + S]);
  const sy = scaleLinear().domain(y).range([M.top + S, M.top]);
  const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));

  const pick = (e: PointerEvent<SVGSVGElement>) => {
    const r = svg.current?.getBoundingClientRect();
    if (!r || !onPick) return;
    onPick(clamp(sx.invert(((e.clientX - r.left) * W) / r.width), x), clamp(sy.invert(((e.clientY - r.top) * H) / r.height), y));
  };
  const start = marks.find((m) => m.kind === 'start');
  const nudge = (e: KeyboardEvent) => {
    const d: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (!onPick || !start || !d[e.key]) return;
    e.preventDefault();
    const [dx, dy] = d[e.key];
    onPick(clamp(start.x + 0.02 * dx * (x[1] - x[0]), x), clamp(start.y + 0.02 * dy * (y[1] - y[0]), y));
  };
  return (
    <div className="contour-plot" style={{ position: 'relative' }}>
      <canvas ref={bands} width={S * PX} height={S * PX} aria-hidden="true" style={AREA} />
      <canvas ref={trails} width={S * PX} height={S * PX} aria-hidden="true" style={AREA} />
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={label}
        tabIndex={onPick ? 0 : undefined}
        onKeyDown={nudge}
        onPointerDown={(e) => {
          if (!onPick) return;
          if (e.pointerType === 'touch') {
            // on a touch screen a swipe scrolls the page: a tap picks, a press held still for a moment starts a drag
            touch.current = { x: e.clientX, y: e.clientY, armed: false };
            const el = e.currentTarget;
            const id = e.pointerId;
            if (hold.current) clearTimeout(hold.current);
            hold.current = setTimeout(() => {
              if (!touch.current) return;
              touch.current.armed = true;
              dragging.current = true;
              try {
                el.setPointerCapture(id);
              } catch {
                /* the pointer is gone */
              }
            }, HOLD_MS);
            return;
          }
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          pick(e);
        }}
        onPointerMove={(e) => {
          const t = touch.current;
          if (t && !t.armed && Math.hypot(e.clientX - t.x, e.clientY - t.y) > 10) {
            // moved before the hold: a scroll, not a pick
            touch.current = null;
            if (hold.current) clearTimeout(hold.current);
          }
          if (dragging.current) pick(e);
        }}
        onPointerUp={(e) => {
          if (touch.current && !touch.current.armed) pick(e);
          endTouch();
        }}
        onPointerCancel={endTouch}
        style={{ position: 'relative', display: 'block', width: '100%', height: 'auto', touchAction: 'pan-x pan-y pinch-zoom', cursor: onPick ? 'crosshair' : undefined }}
      >
        <rect x={M.left} y={M.top} width={S} height={S} fill="none" stroke="#888" />
        {sx.ticks(5).map((t) => (
          <text key={`x${t}`} x={sx(t)} y={M.top + S + 16} textAnchor={edgeAnchor(sx(t), M.left, M.left + S, true)} className="tick">
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
        {marks.map((m, i) => {
          const at = `translate(${sx(m.x)} ${sy(m.y)})`;
          if (m.kind === 'min') return <path key={i} d={symbol(symbolStar, 140)() ?? ''} transform={at} fill="#fff" stroke="#1b1d22" strokeWidth={1.5} data-mark="min" />;
          if (m.kind === 'saddle') return <path key={i} d="M-6,-6L6,6M-6,6L6,-6" transform={at} stroke="#1b1d22" strokeWidth={2.5} data-mark="saddle" />;
          return <circle key={i} cx={sx(m.x)} cy={sy(m.y)} r={7} fill="none" stroke="#1b1d22" strokeWidth={2.5} data-mark="start" />;
        })}
      </svg>
    </div>
  );
}

/** The head symbol of path k as an SVG path (for legends). */
export function pathSymbol(k: number, size = 70): string {
  return symbol(SYMBOLS[k % SYMBOLS.length], size)() ?? '';
}
