/**
 * The baseline's and the regularized run's decision boundaries, with the
 * validation rings and the training dots; the training dots are editable
 * (own data: clicks, taps and drags make the training set the student's).
 */
import { memo, useRef } from 'react';
import { useSampled } from '../../ui/hooks';
import { Heatmap } from '../../ui/plots/Heatmap';
import { PointEditor } from '../../ui/plots/PointEditor';
import { PointTools } from '../../ui/controls/PointTools';
import type { OwnData } from '../../ui/useOwnData';
import type { DataPoint } from '../../ui/pointData';
import { useStore } from '../../ui/store';
import { isoline } from './isoline';
import { regLabel, selFrame } from './Views';
import { EXTENT, GRID, PLANE_RANGE, VAL_POINTS, type DropoutFrame } from './types';

const CLASS = ['#0b4f80', '#9a5b00'] as const;
/** How often (ms) the boundaries re-read the store. */
const SURFACE_MS = 300;

type Arr = Float32Array | undefined;

/** The same points give the same circles: compared by content, since every frame brings new arrays. */
const sameArray = (a: Arr, b: Arr) => a === b || (!!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]));

/** Training dots and validation rings in the 0..1 box of a Heatmap overlay. */
const Points = memo(
  function Points({ tx, ty, vx, vy }: { tx: Arr; ty: Arr; vx: Arr; vy: Arr }) {
    const u = (x: number) => (x + EXTENT) / (2 * EXTENT);
    const v = (y: number) => 1 - (y + EXTENT) / (2 * EXTENT);
    const dots = (x: Arr, y: Arr, train: boolean) =>
      x && y
        ? Array.from(y, (c, i) =>
            train ? (
              <circle key={i} cx={u(x[2 * i])} cy={v(x[2 * i + 1])} r={0.017} fill={CLASS[c]} stroke="#fff" strokeWidth={0.006} />
            ) : (
              <circle key={i} cx={u(x[2 * i])} cy={v(x[2 * i + 1])} r={0.011} fill="none" stroke={CLASS[c]} strokeWidth={0.005} opacity={0.8} />
            ),
          )
        : null;
    return (
      <g>
        {dots(vx, vy, false)}
        {dots(tx, ty, true)}
      </g>
    );
  },
  (a, b) => sameArray(a.tx, b.tx) && sameArray(a.ty, b.ty) && sameArray(a.vx, b.vx) && sameArray(a.vy, b.vy),
);

/** A surface and its 1/2 level line, traced again only when its values change (every frame brings a new array, mostly with the same values). */
function useStableSurface(surf: Arr): { surf: Arr; edge: string } {
  const last = useRef<{ surf: Arr; edge: string }>({ surf: undefined, edge: '' });
  if (!sameArray(surf, last.current.surf)) last.current = { surf, edge: surf && surf.length >= GRID * GRID ? isoline(surf, GRID, GRID, 0.5) : '' };
  // the same values keep the same array, so the heatmap does not repaint either
  return last.current;
}

/** The training points of the frame as editable points, the same array while their values stay the same. */
function useFramePoints(tx: Arr, ty: Arr): DataPoint[] {
  const last = useRef<{ tx: Arr; ty: Arr; points: DataPoint[] }>({ tx: undefined, ty: undefined, points: [] });
  if (!sameArray(tx, last.current.tx) || !sameArray(ty, last.current.ty)) {
    const points = tx && ty ? Array.from(ty, (c, i) => ({ x: tx[2 * i], y: tx[2 * i + 1], cls: (c ? 1 : 0) as 0 | 1 })) : [];
    last.current = { tx, ty, points };
  }
  return last.current.points;
}

/** The decision surface of one run (P(class 1) from blue to orange), its 1/2 contour, validation rings and the (editable) training dots. */
function Boundary({ surf: latest, frame, title, runLabel, points, data }: { surf: Arr; frame: Partial<DropoutFrame> | null; title: string; runLabel: string; points: DataPoint[]; data: OwnData }) {
  const { surf, edge } = useStableSurface(latest);
  return (
    <figure className="chart boundary">
      <figcaption>{title}</figcaption>
      <Heatmap values={surf && surf.length ? surf : null} rows={GRID} cols={GRID} domain={[0, 1]} label={`Decision surface of the ${runLabel} with training and validation points (editable)`} editable>
        <path d={edge} fill="none" stroke="#222" strokeWidth={0.006} />
        <Points tx={undefined} ty={undefined} vx={frame?.val_x} vy={frame?.val_y} />
        {/* the lesson's points are known once the first frame has come: editing starts from them */}
        <PointEditor points={points} range={PLANE_RANGE} mode={data.mode} onChange={data.change} colors={CLASS} r={0.017} disabled={points.length === 0} />
      </Heatmap>
    </figure>
  );
}

/** Baseline and regularized decision boundaries side by side; clicks, taps and drags on either edit the training set. */
export function Boundaries({ data }: { data: OwnData }) {
  const frame = useSampled(selFrame, SURFACE_MS);
  const params = useStore((s) => s.params);
  const drawn = useFramePoints(frame?.train_x, frame?.train_y);
  const points = data.own ?? drawn;
  return (
    <section className="boundaries" aria-label="Decision boundaries">
      <Boundary surf={frame?.base_surf} frame={frame} title="Baseline: no regularization" runLabel="baseline" points={points} data={data} />
      <Boundary surf={frame?.surf} frame={frame} title={`With ${regLabel(params)}`} runLabel="regularized run" points={points} data={data} />
      <p className="axis-note">
        Filled dots: training points; rings: validation points; blue class 0, orange class 1; the black line is P(class 1) = ½. Both axes from −{EXTENT} to {EXTENT}.
      </p>
      <PointTools
        mode={data.mode}
        onMode={data.setMode}
        count={points.length}
        own={!!data.own}
        onReset={data.reset}
        problem={data.problem}
        colors={CLASS}
        extra={`Your points are the training set; the ${VAL_POINTS} validation rings stay the lesson’s.`}
        about="the lesson’s drawn data set"
      />
    </section>
  );
}
