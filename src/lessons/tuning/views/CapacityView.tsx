/** Under- or over-fitting: training and validation error against the width, their curves for the net the control shows, and the rule's verdict on it. */
import { useMemo } from 'react';
import { LineChart } from '../../../ui/plots/LineChart';
import { palette } from '../../../ui/plots/colors';
import { useSampled } from '../../../ui/hooks';
import { useStore } from '../../../ui/store';
import { Covered } from '../../../ui/Covered';
import { CAP_TRAIN, CAP_WIDTHS, GAP_AT, UNDER_AT, type CapFrame } from '../types';
import { CURVE_MS, selFrame, selHistory, selMetrics } from './common';

const TRAIN = palette[0];
const VAL = palette[5];
const log2w = CAP_WIDTHS.map((w) => Math.log2(Number(w)));

export function CapErrors() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<CapFrame> | null;
  const ok = f?.train?.length === CAP_WIDTHS.length;
  const series = [
    { name: `training error (${CAP_TRAIN} digits)`, x: ok ? log2w : [], y: ok ? Array.from(f!.train!) : [], color: TRAIN },
    { name: 'validation error (500 other digits)', x: ok ? log2w : [], y: ok ? Array.from(f!.val!) : [], color: VAL, dashed: true },
  ];
  return (
    <LineChart
      title="Error now against the hidden layer’s width, one net per width"
      series={series}
      xLabel={`log₂ hidden units (${CAP_WIDTHS[0]} to ${CAP_WIDTHS[CAP_WIDTHS.length - 1]})`}
      yLabel="error rate"
      yDomain={[0, 1]}
      fitX
      height={220}
    />
  );
}

export function CapCurves() {
  const h = useSampled(selHistory, CURVE_MS);
  const w = useStore((s) => String(s.params.hidden ?? CAP_WIDTHS[0]));
  const series = useMemo(
    () => [
      { name: 'training error', x: h.step, y: h.values[`train_error_${w}`] ?? [], color: TRAIN },
      { name: 'validation error', x: h.step, y: h.values[`val_error_${w}`] ?? [], color: VAL, dashed: true },
    ],
    [h, w],
  );
  return <LineChart title={`The net with ${w} hidden units: training and validation error`} series={series} xLabel="step" yLabel="error rate" yDomain={[0, 1]} height={200} />;
}

/** The rule of Goodfellow, Bengio & Courville (§11.4.1), applied to the shown net's numbers now. */
export function verdict(train: number, val: number): string {
  if (train > UNDER_AT) return 'Training error is high: under-fitting. Add capacity (more hidden units), or train longer.';
  if (val - train > GAP_AT) return 'Training error is low but validation error is far above it: over-fitting. Use less capacity, regularize, or get more data.';
  return 'Training and validation error are both low and close: capacity fits the task.';
}

export function CapVerdict() {
  const m = useStore(selMetrics);
  const w = useStore((s) => String(s.params.hidden ?? CAP_WIDTHS[0]));
  const train = m?.[`train_error_${w}`];
  const val = m?.[`val_error_${w}`];
  const known = typeof train === 'number' && typeof val === 'number';
  return (
    <Covered>
      <p className="tuning-verdict" data-capacity-verdict>
        {known ? (
          <>
            <strong>{w} hidden units</strong>: training error {(100 * train).toFixed(0)}%, validation error {(100 * val).toFixed(0)}%, gap {(100 * (val - train)).toFixed(0)} points. {verdict(train, val)}
          </>
        ) : (
          'Press Play to train the nets.'
        )}
      </p>
    </Covered>
  );
}
