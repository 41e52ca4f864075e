import { useMemo } from 'react';
import { useSampled } from '../../ui/hooks';
import { LineChart } from '../../ui/plots/LineChart';
import { useStore } from '../../ui/store';
import { thin } from '../../ui/thin';
import { PixelGrid, absMax, grey, signed } from './PixelGrid';
import { CNN, type ConvFrame } from './types';

/** The images redraw at most this often (ms): the worker's frames come ~30 times a second, and the cores are the CNN's. */
const VIEW_MS = 250;
type Frame = Partial<ConvFrame> | null;
const frameOf = (s: { frame: unknown }) => s.frame as Frame;
/** A part of the latest frame, re-read at most every VIEW_MS. */
function useFramePart<T>(pick: (f: Partial<ConvFrame>) => T | undefined): T | null {
  const f = useSampled(frameOf, VIEW_MS);
  return (f && pick(f)) ?? null;
}
const selProbs = (f: Partial<ConvFrame>) => f.probs;
const selKernels = (f: Partial<ConvFrame>) => f.kernels;
const selMaps1 = (f: Partial<ConvFrame>) => f.maps1;
const selMaps2 = (f: Partial<ConvFrame>) => f.maps2;
const selConfusion = (f: Partial<ConvFrame>) => f.confusion;

/** The CNN's class probabilities for the page's digit. */
export function Probs() {
  const probs = useFramePart(selProbs);
  const step = useStore((s) => s.metrics.step);
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
  return (
    <figure className="chart probs">
      <figcaption>
        CNN’s class probabilities for this digit{step !== undefined ? ` after ${step} steps` : ''}
      </figcaption>
      {/* room above the bars (y < 0) for the per-cent label of a bar at 100% */}
      <svg viewBox="0 -24 300 154" role="img" aria-label={probs ? `Probabilities; most likely ${best}` : 'Probabilities (waiting for the network)'}>
        {Array.from({ length: CNN.classes }, (_, c) => {
          const p = probs ? probs[c] : 0;
          const h = 100 * p;
          return (
            <g key={c} transform={`translate(${8 + c * 29},0)`}>
              <rect x={0} y={105 - h} width={22} height={Math.max(h, 0.5)} fill={c === best ? '#E69F00' : '#0072B2'} />
              <text x={11} y={122} textAnchor="middle" className="label">
                {c}
              </text>
              {p >= 0.05 && (
                <text x={11} y={101 - h} textAnchor="middle" className="tick">
                  {Math.round(100 * p)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <small className="muted">per cent; the orange bar is the prediction</small>
    </figure>
  );
}

/** The learned first-layer kernels as images (blue negative, orange positive, each to its own largest |w|). */
export function Filters() {
  const kernels = useFramePart(selKernels);
  const k2 = CNN.k * CNN.k;
  return (
    <figure className="chart">
      <figcaption>First-layer kernels ({CNN.c1} of 5 × 5), as learned so far</figcaption>
      <div className="tiles">
        {Array.from({ length: CNN.c1 }, (_, c) => {
          const w = kernels?.subarray(c * k2, (c + 1) * k2) ?? null;
          return <PixelGrid key={c} values={w} side={CNN.k} color={signed} scale={w ? absMax(w) : 1} label={`Kernel ${c + 1}`} className="tile" />;
        })}
      </div>
    </figure>
  );
}

/** Feature maps of both conv layers (after ReLU) for the page's digit. */
export function Maps() {
  const m1 = useFramePart(selMaps1);
  const m2 = useFramePart(selMaps2);
  const s1 = CNN.side1 * CNN.side1;
  const s2 = CNN.side2 * CNN.side2;
  return (
    <figure className="chart">
      <figcaption>Feature maps of this digit: layer 1 ({CNN.c1} × 24 × 24), layer 2 ({CNN.c2} × 8 × 8)</figcaption>
      <div className="tiles">
        {Array.from({ length: CNN.c1 }, (_, c) => {
          const v = m1?.subarray(c * s1, (c + 1) * s1) ?? null;
          return <PixelGrid key={c} values={v} side={CNN.side1} scale={v ? absMax(v) : 1} color={grey} label={`Layer 1 map ${c + 1}`} className="tile" />;
        })}
      </div>
      <div className="tiles small-tiles">
        {Array.from({ length: CNN.c2 }, (_, c) => {
          const v = m2?.subarray(c * s2, (c + 1) * s2) ?? null;
          return <PixelGrid key={c} values={v} side={CNN.side2} scale={v ? absMax(v) : 1} color={grey} label={`Layer 2 map ${c + 1}`} className="tile" />;
        })}
      </div>
    </figure>
  );
}

/** Test accuracy of each completed pass over the held-out digits, at the step whose weights it measured. */
export function AccuracyCurve() {
  const h = useSampled((s) => s.history);
  const [x, y] = useMemo(() => {
    const xs: number[] = [];
    const ys: number[] = [];
    const at = h.values.tested_at_step ?? [];
    const acc = h.values.test_accuracy ?? [];
    for (let i = 0; i < at.length; i++) {
      if (!Number.isFinite(at[i]) || !Number.isFinite(acc[i])) continue;
      if (xs.length && xs[xs.length - 1] === at[i]) continue;
      xs.push(at[i]);
      ys.push(acc[i]);
    }
    return thin(xs, ys);
  }, [h]);
  const last = Math.max(1, x[x.length - 1] ?? 1);
  // guessing among 10 classes scores about 0.1: the line the accuracy starts from
  const chance = { name: 'chance (1 in 10)', x: [0, last], y: [0.1, 0.1], dashed: true, color: '#999' };
  return <LineChart title="Test accuracy on the 2,000 held-out digits" series={[{ name: 'test accuracy', x, y }, chance]} xLabel="step" yLabel="accuracy" height={200} />;
}

/** Counts of the latest test pass: rows the true digit, columns the prediction. */
export function Confusion() {
  const conf = useFramePart(selConfusion);
  const n = CNN.classes;
  const max = useMemo(() => {
    let m = 1;
    if (conf) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) m = Math.max(m, conf[i * n + j]);
    return m;
  }, [conf, n]);
  if (!conf || conf.length < n * n) return <p className="muted">The confusion matrix appears after the first test pass (press Play).</p>;
  return (
    <table className="confusion" data-testid="confusion">
      <caption>Latest test pass: true digit (rows) against prediction (columns); off-diagonal mistakes shaded</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">true \ predicted</span>
          </th>
          {Array.from({ length: n }, (_, j) => (
            <th key={j} scope="col">
              {j}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: n }, (_, i) => (
          <tr key={i}>
            <th scope="row">{i}</th>
            {Array.from({ length: n }, (_, j) => {
              const v = conf[i * n + j];
              const style = i === j ? { background: '#e8f1f8', fontWeight: 600 } : v ? { background: `rgba(213, 94, 0, ${0.15 + (0.7 * v) / max})` } : undefined;
              return (
                <td key={j} style={style}>
                  {v || ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
