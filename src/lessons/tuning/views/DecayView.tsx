/** Decaying the learning rate: each schedule's training loss over steps, its η drawn under it, and its validation error. */
import { useMemo } from 'react';
import { LineChart } from '../../../ui/plots/LineChart';
import { palette } from '../../../ui/plots/colors';
import { useSampled } from '../../../ui/hooks';
import { DECAY_LR0, DECAY_SAMPLE, DECAY_SCHEDULES, DECAY_TAU, DECAY_VAL } from '../types';
import { CURVE_MS, selHistory } from './common';

export const SCHEDULE_NAMES: Record<(typeof DECAY_SCHEDULES)[number], string> = {
  constant: `constant η = ${DECAY_LR0}`,
  inverse: `ε₀τ / max(t, τ), τ = ${DECAY_TAU}`,
  halve: 'halved when validation stalls',
};
const COLORS = [palette[7], palette[0], palette[5]];

function useCurves(prefix: string) {
  const h = useSampled(selHistory, CURVE_MS);
  return useMemo(
    () => DECAY_SCHEDULES.map((s, k) => ({ name: SCHEDULE_NAMES[s], x: h.step, y: h.values[`${prefix}_${s}`] ?? [], color: COLORS[k], dashed: k === 0 })),
    [h, prefix],
  );
}

/** The training loss with the learning rate drawn under it, on the same step axis. */
export function DecayCurves() {
  const loss = useCurves('loss');
  const lr = useCurves('lr');
  return (
    <div className="tuning-stack">
      <LineChart title={`Training loss (on ${DECAY_SAMPLE} of the training digits)`} series={loss} xLabel="step" yLabel="cross-entropy" logY height={180} />
      <LineChart title="Learning rate η of each run" series={lr} xLabel="step" yLabel="η" logY height={110} />
    </div>
  );
}

export function DecayVal() {
  const val = useCurves('val_error');
  return <LineChart title={`Validation error (${DECAY_VAL.toLocaleString('en')} digits never trained on)`} series={val} xLabel="step" yLabel="error rate" height={200} />;
}
