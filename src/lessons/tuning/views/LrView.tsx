/** The learning-rate sweep: each rate's training loss over steps, the loss against η, and the update-to-weight ratio per layer against η. */
import { useMemo } from 'react';
import { LineChart } from '../../../ui/plots/LineChart';
import { ScaleLegend } from '../../../ui/plots/ScaleLegend';
import { layerColor, palette } from '../../../ui/plots/colors';
import { useSampled } from '../../../ui/hooks';
import { LR_SIZES, LR_SWEEP, type LrFrame } from '../types';
import { CURVE_MS, pow10, selFrame, selHistory } from './common';

const LAYERS = LR_SIZES.length - 1;
const logLr = LR_SWEEP.map((v) => Math.log10(v));

export function LrCurves() {
  const h = useSampled(selHistory, CURVE_MS);
  const series = useMemo(
    () =>
      LR_SWEEP.map((lr, k) => {
        // a diverged rate's curve stops where it diverged
        const div = h.values[`diverged_${k}`] ?? [];
        const ys = (h.values[`loss_${k}`] ?? []).map((v, i) => (div[i] ? NaN : v));
        return { name: `η = ${lr.toPrecision(2)}`, x: h.step, y: ys, color: layerColor(k, LR_SWEEP.length) };
      }),
    [h],
  );
  return (
    <LineChart
      title="Training loss on the 500 digits, one net per η (same init, same minibatches)"
      series={series}
      xLabel="step"
      yLabel="cross-entropy"
      logY
      height={230}
      legend={<ScaleLegend from={`η = ${LR_SWEEP[0]}`} to={`η = ${LR_SWEEP[LR_SWEEP.length - 1]}`} />}
    />
  );
}

export function LrFinal() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<LrFrame> | null;
  const loss = f?.loss ? Array.from(f.loss, (v, k) => (f.diverged?.[k] ? NaN : v)) : [];
  const diverged = LR_SWEEP.filter((_, k) => f?.diverged?.[k]);
  return (
    <div>
      <LineChart
        title="Training loss now, against the learning rate"
        series={[{ name: 'loss', x: loss.length ? logLr : [], y: loss }]}
        xLabel="log₁₀ η"
        yLabel="cross-entropy"
        logY
        integerX={false}
        height={200}
      />
      <p className="axis-note" data-diverged-rates>
        {diverged.length ? `Diverged (left off the chart): η = ${diverged.map((v) => v.toPrecision(2)).join(', ')}.` : 'No rate has diverged yet.'}
      </p>
    </div>
  );
}

export function UpdateRatio() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<LrFrame> | null;
  const series = Array.from({ length: LAYERS }, (_, l) => ({
    name: `layer ${l + 1}`,
    x: f?.ratio ? logLr : [],
    y: f?.ratio ? LR_SWEEP.map((_, k) => (f.diverged?.[k] ? NaN : f.ratio![k * LAYERS + l])) : [],
    color: layerColor(l, LAYERS),
  }));
  series.push({ name: 'rule of thumb: 1%', x: [logLr[0], logLr[logLr.length - 1]], y: [1e-2, 1e-2], color: palette[7], dashed: true } as (typeof series)[number]);
  return (
    <LineChart
      title="Size of the last update over size of the weights, ‖ΔW‖ / ‖W‖ = η‖∇W‖ / ‖W‖, per layer"
      series={series}
      xLabel={`log₁₀ η (${pow10(-3)} to ${pow10(1)})`}
      yLabel="‖ΔW‖ / ‖W‖"
      logY
      integerX={false}
      height={220}
    />
  );
}
