import { memo, useRef, useState, type PointerEvent } from 'react';
import { POINTS_MAX, type DataPoint } from '../pointData';

/** What a click or tap on the plot does: add a point of class 0 or 1, or remove the point under it. */
export type PointMode = 'add0' | 'add1' | 'remove';

export interface PointEditorProps {
  points: readonly DataPoint[];
  /** The plot's range on both axes, in data units (the overlay's 0..1 box spans it). */
  range: readonly [number, number];
  mode: PointMode;
  onChange(points: DataPoint[]): void;
  /** Radius of a drawn point in the 0..1 box. */
  r?: number;
  /** Fill of class 0 and class 1. */
  colors: readonly [string, string];
  /** Class 1 drawn as a square (XOR's convention); otherwise both classes are dots. */
  squares?: boolean;
  /** No editing (e.g. the points are not known yet): the points are only drawn. */
  disabled?: boolean;
}

/** A press moving less than this many pixels is a click (adds or removes); more is a drag. */
const CLICK_PX = 8;
/** How near (pixels) a press must land to a point to grab it: a fingertip needs more room than a mouse. */
const HIT_PX = { mouse: 12, touch: 22 } as const;

type Press = { kind: 'drag'; i: number; x0: number; y0: number; moved: boolean } | { kind: 'add'; x0: number; y0: number; cls: 0 | 1 };

/**
 * Editable points over a Heatmap (children of its 0..1 overlay; give the
 * Heatmap `editable` so the overlay takes touches without scrolling the page).
 * Pointer events: a click or tap adds a point of the chosen class (shift: the
 * other class), a press on a point drags it (committed on release, so training
 * restarts once per move), in remove mode a click removes the point under it.
 */
export const PointEditor = memo(function PointEditor({ points, range, mode, onChange, r = 0.022, colors, squares = false, disabled = false }: PointEditorProps) {
  const [lo, hi] = range;
  const press = useRef<Press | null>(null);
  const [dragAt, setDragAt] = useState<{ i: number; u: number; v: number } | null>(null);
  const u = (x: number) => (x - lo) / (hi - lo);
  const v = (y: number) => 1 - (y - lo) / (hi - lo);
  /** The press in the 0..1 box and the box's size in pixels. */
  const where = (e: PointerEvent<SVGRectElement>) => {
    const box = (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect();
    return { bu: (e.clientX - box.left) / box.width, bv: (e.clientY - box.top) / box.height, w: box.width, h: box.height };
  };
  const clamp01 = (t: number) => Math.min(1, Math.max(0, t));
  const toData = (bu: number, bv: number) => ({ x: lo + clamp01(bu) * (hi - lo), y: lo + (1 - clamp01(bv)) * (hi - lo) });
  /** The nearest point within reach of a press, or -1. */
  const hit = (bu: number, bv: number, w: number, h: number, touch: boolean) => {
    let best = -1;
    let bestD: number = touch ? HIT_PX.touch : HIT_PX.mouse;
    points.forEach((p, i) => {
      const d = Math.hypot((u(p.x) - bu) * w, (v(p.y) - bv) * h);
      if (d <= bestD) {
        best = i;
        bestD = d;
      }
    });
    return best;
  };

  const down = (e: PointerEvent<SVGRectElement>) => {
    if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const { bu, bv, w, h } = where(e);
    const i = hit(bu, bv, w, h, e.pointerType === 'touch');
    e.preventDefault();
    if (mode === 'remove') {
      // the last point stays: a network needs something to train on
      if (i >= 0 && points.length > 1) onChange(points.filter((_, k) => k !== i));
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    if (i >= 0) press.current = { kind: 'drag', i, x0: e.clientX, y0: e.clientY, moved: false };
    else press.current = { kind: 'add', x0: e.clientX, y0: e.clientY, cls: ((mode === 'add1' ? 1 : 0) ^ (e.shiftKey ? 1 : 0)) as 0 | 1 };
  };
  const move = (e: PointerEvent<SVGRectElement>) => {
    const p = press.current;
    if (!p || p.kind !== 'drag') return;
    if (!p.moved && Math.hypot(e.clientX - p.x0, e.clientY - p.y0) < 3) return;
    p.moved = true;
    const { bu, bv } = where(e);
    setDragAt({ i: p.i, u: clamp01(bu), v: clamp01(bv) });
  };
  const up = (e: PointerEvent<SVGRectElement>) => {
    const p = press.current;
    press.current = null;
    setDragAt(null);
    if (!p) return;
    const { bu, bv } = where(e);
    if (p.kind === 'drag') {
      if (p.moved) onChange(points.map((q, k) => (k === p.i ? { ...toData(bu, bv), cls: q.cls } : q)));
    } else if (Math.hypot(e.clientX - p.x0, e.clientY - p.y0) < CLICK_PX && points.length < POINTS_MAX) {
      onChange([...points, { ...toData(bu, bv), cls: p.cls }]);
    }
  };
  const cancel = () => {
    press.current = null;
    setDragAt(null);
  };

  return (
    <g className="point-editor" data-mode={mode}>
      <rect
        x={0}
        y={0}
        width={1}
        height={1}
        fill="transparent"
        data-edit-area=""
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={cancel}
        style={{ cursor: disabled ? undefined : mode === 'remove' ? 'not-allowed' : 'crosshair' }}
      />
      <g pointerEvents="none">
        {points.map((p, i) => {
          const [cx, cy] = dragAt?.i === i ? [dragAt.u, dragAt.v] : [u(p.x), v(p.y)];
          const common = { 'data-point': i, 'data-cls': p.cls, fill: colors[p.cls], stroke: '#fff', strokeWidth: r * 0.45 };
          return squares && p.cls ? (
            <rect key={i} x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...common} />
          ) : (
            <circle key={i} cx={cx} cy={cy} r={r} {...common} />
          );
        })}
      </g>
    </g>
  );
});
