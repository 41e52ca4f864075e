/** Overfitting 50 digits: the training loss of the healthy and the broken run, and each hidden layer's saturated fraction. */
import { useMemo } from 'react';
import { LineChart } from '../../../ui/plots/LineChart';
import { palette } from '../../../ui/plots/colors';
import { useSampled } from '../../../ui/hooks';
import { useStore } from '../../../ui/store';
import { Covered } from '../../../ui/Covered';
import { thin } from '../../../ui/thin';
import { SATURATED_AT, type OverfitFrame } from '../types';
import { CURVE_MS, selFrame, selHistory } from './common';

export const HEALTHY = palette[0];
export const BROKEN = palette[5];

export function brokenLabel(b: unknown): string {
  return b === 'init' ? 'weights ×30' : 'inputs 0–255';
}

export function OverfitLoss() {
  const h = useSampled(selHistory, CURVE_MS);
  const broken = useStore((s) => brokenLabel(s.params.broken));
  const series = useMemo(() => {
    const c = (name: string, key: string, color: string, dashed: boolean) => {
      const [x, y] = thin(h.step, h.values[key] ?? [], 300);
      return { name, x, y, color, dashed };
    };
    return [c('inputs in [0, 1], Glorot init', 'loss', HEALTHY, false), c(`broken: ${broken}`, 'broken_loss', BROKEN, true)];
  }, [h, broken]);
  return <LineChart title="Training loss on the 50 digits (the whole set is the minibatch)" series={series} xLabel="step" yLabel="cross-entropy" logY height={230} />;
}

/** Horizontal bars: per hidden layer, the fraction of units with |h| > SATURATED_AT, for both runs. */
export function Saturation() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<OverfitFrame> | null;
  const broken = useStore((s) => brokenLabel(s.params.broken));
  const rows: { name: string; v: number; color: string }[] = [];
  const layers = f?.sat?.length ?? 2;
  for (let l = 0; l < layers; l++) {
    rows.push({ name: `layer ${l + 1}, healthy`, v: f?.sat?.[l] ?? 0, color: HEALTHY });
    rows.push({ name: `layer ${l + 1}, broken`, v: f?.broken_sat?.[l] ?? 0, color: BROKEN });
  }
  return (
    <figure className="chart">
      <figcaption>Saturated tanh units (|h| &gt; <span data-setup>{SATURATED_AT}</span>) in each hidden layer, on the 50 digits; broken: {broken}</figcaption>
      <Covered>
        <div className="tuning-bars" role="list">
          {rows.map((r) => (
            <div key={r.name} className="tuning-bar" role="listitem">
              <span className="tuning-bar-name">{r.name}</span>
              <span className="tuning-bar-track">
                <span className="tuning-bar-fill" style={{ width: `${(100 * r.v).toFixed(1)}%`, background: r.color }} />
              </span>
              <span className="tuning-bar-value">{(100 * r.v).toFixed(0)}%</span>
            </div>
          ))}
        </div>
      </Covered>
    </figure>
  );
}
