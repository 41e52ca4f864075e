/** What the auto-encoders learn: the reconstruction grid, held-out reconstruction curves, and first-layer filters per method. */
import { useMemo, useState } from 'react';
import { LineChart } from '../../ui/plots/LineChart';
import { useFrame, useSampled } from '../../ui/hooks';
import { useStore } from '../../ui/store';
import { ImageGrid } from './ImageGrid';
import { thin } from '../../ui/thin';
import { FILTERS_SHOWN, GRID_DIGITS, METHOD_LABELS, type PretrainingFrame } from './types';

const pairs = (v: Float32Array | undefined) => {
  const x: number[] = [];
  const y: number[] = [];
  if (v) for (let i = 0; i + 1 < v.length; i += 2) (x.push(v[i]), y.push(v[i + 1]));
  const [tx, ty] = thin(x, y);
  return { x: tx, y: ty };
};

export function Reconstructions() {
  const grid = useFrame((f: Partial<PretrainingFrame>) => f.grid);
  const info = useFrame((f: Partial<PretrainingFrame>) => f.gridLayer);
  const layer = info?.[0] ?? 1;
  const masked = info?.[1];
  const row = (k: number) => (grid ? grid.subarray(k * GRID_DIGITS * 784, (k + 1) * GRID_DIGITS * 784) : null);
  return (
    <figure className="chart recon-grid">
      <figcaption>
        Auto-encoder of layer {layer} on held-out test digits{layer > 1 ? ' (decoded back to pixels through the layers below)' : ''}
      </figcaption>
      <div className="grid-rows">
        <span>input x</span>
        <ImageGrid values={row(0)} cols={GRID_DIGITS} mode="grey" label="Held-out test digits" />
        <span>corrupted x̃{masked !== undefined ? ` (${Math.round(100 * masked)}% masked)` : ''}</span>
        <ImageGrid values={row(1)} cols={GRID_DIGITS} mode="grey" label="Their corrupted copies" />
        <span>reconstruction r(x̃)</span>
        <ImageGrid values={row(2)} cols={GRID_DIGITS} mode="grey" label="The auto-encoder's reconstructions" />
      </div>
    </figure>
  );
}

export function ReconCurves() {
  // at a plot's pace, not every frame: the curves grow by hundreds of points per layer
  const recon = useSampled((s) => s.frame as Partial<PretrainingFrame> | null);
  const [r0, r1, r2] = [recon?.recon0, recon?.recon1, recon?.recon2];
  const series = useMemo(
    () => [r0, r1, r2].map((r, k) => ({ name: `layer ${k + 1}`, ...pairs(r ?? undefined) })).filter((s) => s.x.length > 0),
    [r0, r1, r2],
  );
  return (
    <LineChart
      title="Held-out reconstruction of the clean input, per layer: mean of (hⱼ − rⱼ(h))² over 100 test digits × the d values of h (d = 784 pixels for layer 1)"
      series={series}
      xLabel="minibatches of this layer's pretraining"
      yLabel="mean squared error (log scale)"
      logY
      height={180}
    />
  );
}

export function Filters() {
  const [which, setWhich] = useState(2);
  const f = useFrame((fr: Partial<PretrainingFrame>) => [fr.filters0, fr.filters1, fr.filters2, fr.filters3][which]);
  const phase = useStore((s) => s.phase);
  return (
    <figure className="chart filters">
      <figcaption>
        First-layer weights of {FILTERS_SHOWN} hidden units as 28×28 images (blue negative, orange positive)
      </figcaption>
      <div className="filter-choice" role="radiogroup" aria-label="Whose filters">
        {METHOD_LABELS.map((l, i) => (
          <label key={l}>
            <input type="radio" name="filters-of" checked={which === i} onChange={() => setWhich(i)} /> {l.replace('Greedy ', '').replace(' pretraining', '').replace(' (one hidden layer)', '')}
          </label>
        ))}
      </div>
      <ImageGrid values={f ?? null} cols={8} mode="weights" label={`First-layer filters of the ${METHOD_LABELS[which]} network (${phase})`} />
    </figure>
  );
}
