import { useId, useMemo, useState } from 'react';
import { changeParams } from '../../ui/actions';
import { shiftDemo, shiftMeasures, type PoolKind, type StageChange } from './conv';
import { PixelGrid, absMax, grey } from './PixelGrid';

const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '–');
const changedColor = (t: number): [number, number, number] => (t > 0.5 ? [213, 94, 0] : [238, 238, 238]);

const rel = (v: number) => v.toFixed(2);

/**
 * Pooling of the detector stage and Goodfellow's Fig. 9.8 on the image: shift
 * the input one pixel and measure how much each stage changes (the size of the
 * change relative to the map, for the detector and both poolings) and how many
 * of its values change at all.
 */
export function PoolView({ image, kernel, k, kind, size, stride }: { image: Float32Array; kernel: Float32Array; k: number; kind: PoolKind; size: number; stride: number }) {
  const id = useId();
  const [shifted, setShifted] = useState(false);
  const demo = useMemo(() => shiftDemo(image, 28, kernel, k, size, stride, kind, 1, 0), [image, kernel, k, size, stride, kind]);
  const det = shifted ? demo.detectorShifted : demo.detector;
  const pooled = shifted ? demo.pooledShifted : demo.pooled;
  const dScale = useMemo(() => absMax(demo.detector), [demo]);
  const pScale = useMemo(() => absMax(demo.pooled), [demo]);
  const d = demo.detectorChange;
  const p = demo.pooledChange;
  // the numbers the scene's claims are judged on (the worker measures the same digit with the same function)
  const sizes = useMemo(() => shiftMeasures(image, 28, kernel, k, size, stride), [image, kernel, k, size, stride]);
  const row = (name: string, key: string, c: StageChange, current: boolean) => (
    <tr data-shift-row={key} className={current ? 'current' : undefined}>
      <th scope="row">{name}</th>
      <td data-shift-change={key}>{rel(c.rel)}</td>
      <td data-shift-ratio={key}>{key === 'det' ? '1' : sizes.detector.rel > 0 ? rel(c.rel / sizes.detector.rel) : '–'}</td>
      <td data-shift-moved={key}>{`${Math.round(100 * c.moved)}%`}</td>
    </tr>
  );
  const select = (key: string, label: string, value: string | number, options: (string | number)[], labels = options.map(String)) => (
    <span className="inline-control">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={String(value)} onChange={(e) => changeParams({ [key]: key === 'pool' ? e.target.value : Number(e.target.value) })}>
        {options.map((o, i) => (
          <option key={o} value={String(o)}>
            {labels[i]}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <div className="pool">
      <div className="inline-controls">
        {select('pool', 'pooling', kind, ['max', 'avg'], ['max', 'average'])}
        {select('poolSize', 'width', size, [2, 3, 4])}
        {select('poolStride', 'stride', stride, [1, 2, 3, 4])}
        <label className="inline-control">
          <input type="checkbox" checked={shifted} onChange={(e) => setShifted(e.target.checked)} /> input shifted 1 pixel right
        </label>
      </div>
      <div className="pool-maps">
        <figure className="chart">
          <figcaption>Detector stage: ReLU(I ⋆ K), {demo.side} × {demo.side}</figcaption>
          <PixelGrid values={det} side={demo.side} scale={dScale} color={grey} label="Detector stage" />
        </figure>
        <figure className="chart">
          <figcaption>
            {kind === 'max' ? 'Max' : 'Average'} pooling, {demo.pooledSide} × {demo.pooledSide}
          </figcaption>
          <PixelGrid values={pooled} side={demo.pooledSide} scale={pScale} color={grey} label="Pooling stage" />
        </figure>
        <figure className="chart">
          <figcaption>Detector values changed by the shift</figcaption>
          <PixelGrid values={d.mask} side={demo.side} color={changedColor} label="Detector values that changed (orange)" />
        </figure>
        <figure className="chart">
          <figcaption>Pooled values changed by the shift</figcaption>
          <PixelGrid values={p.mask} side={demo.pooledSide} color={changedColor} label="Pooled values that changed (orange)" />
        </figure>
      </div>
      <table className="shift-table" data-testid="shift-sizes">
        <caption>
          The one-pixel shift, measured: the size of the change ‖after − before‖ / ‖before‖ at each stage ({size} wide, stride {stride}), against the
          detector map’s, and the share of non-zero values that changed at all
        </caption>
        <thead>
          <tr>
            <th scope="col">stage</th>
            <th scope="col">relative change</th>
            <th scope="col">× detector’s</th>
            <th scope="col">values changed</th>
          </tr>
        </thead>
        <tbody>
          {row('Detector ReLU(I ⋆ K)', 'det', sizes.detector, false)}
          {row('Max pooling', 'max', sizes.max, kind === 'max')}
          {row('Average pooling', 'avg', sizes.avg, kind === 'avg')}
        </tbody>
      </table>
      <p data-testid="shift-counts">
        Shifting the digit one pixel right changes <strong data-testid="det-changed">{d.changed}</strong> of the {d.active} non-zero detector values (
        {pct(d.changed, d.active)}) and <strong data-testid="pool-changed">{p.changed}</strong> of the {p.active} non-zero pooled values ({pct(p.changed, p.active)}).
      </p>
    </div>
  );
}
