/** Normalizing the inputs: training loss and validation error of the raw, standardized and tiny-guard runs, and each pixel's σ over the training digits. */
import { useMemo } from 'react';
import { LineChart } from '../../../ui/plots/LineChart';
import { palette } from '../../../ui/plots/colors';
import { useSampled } from '../../../ui/hooks';
import { NORM_EPS, NORM_RUNS, NORM_TRAIN, type NormFrame } from '../types';
import { CURVE_MS, selFrame, selHistory } from './common';

export const RUN_NAMES: Record<(typeof NORM_RUNS)[number], string> = {
  raw: 'raw pixels in [0, 1]',
  std: `standardized, ε = ${NORM_EPS}`,
  tiny: 'standardized, ε = 10⁻⁸',
};
const COLORS = [palette[7], palette[0], palette[5]];

function useCurves(prefix: string) {
  const h = useSampled(selHistory, CURVE_MS);
  return useMemo(
    () => NORM_RUNS.map((r, k) => ({ name: RUN_NAMES[r], x: h.step, y: h.values[`${prefix}_${r}`] ?? [], color: COLORS[k], dashed: k === 2 })),
    [h, prefix],
  );
}

export function NormLoss() {
  return <LineChart title={`Training loss on the ${NORM_TRAIN} digits, same init, same minibatches, same η`} series={useCurves('loss')} xLabel="step" yLabel="cross-entropy" logY height={220} />;
}

export function NormVal() {
  return <LineChart title="Validation error (500 digits never trained on)" series={useCurves('val_error')} xLabel="step" yLabel="error rate" height={200} />;
}

const SIDE = 28;
/** Each pixel's standard deviation over the training digits (darker: larger); the pixels with σ = 0 in red. */
export function SigmaMap() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<NormFrame> | null;
  const sigma = f?.sigma && f.sigma.length === SIDE * SIDE ? f.sigma : null;
  const max = sigma ? Math.max(...sigma) : 1;
  return (
    <figure className="chart">
      <figcaption>
        Each pixel’s σ over the {NORM_TRAIN} training digits (darker: larger); <span className="tuning-dead-key">red</span>: σ = 0, a pixel that is 0 in every training digit
      </figcaption>
      <svg className="tuning-sigma" viewBox={`0 0 ${SIDE} ${SIDE}`} shapeRendering="crispEdges" role="img" aria-label="standard deviation of each pixel over the training digits">
        {sigma &&
          Array.from(sigma, (s, i) => (
            <rect key={i} x={i % SIDE} y={Math.floor(i / SIDE)} width={1} height={1} fill={s === 0 ? '#D55E00' : `rgba(0, 40, 100, ${(0.08 + 0.92 * (s / max)).toFixed(3)})`} />
          ))}
      </svg>
    </figure>
  );
}
