import { useSampled } from '../../ui/hooks';
import { LineChart, type Series } from '../../ui/plots/LineChart';
import type { State } from '../../ui/store';
import { RACER_COLOR } from './RaceView';
import { RACES, raceOf } from './types';

type Curves = Record<string, Float32Array | undefined>;
const selectCurves = (s: State) => s.frame as Curves | null;
const selectRace = (s: State) => raceOf(s.params.race);

/** ||dL/dh_t|| against t on the latest minibatch (log scale), with the LSTM's product of forget gates from t to T. */
export function VanishingView() {
  const f = useSampled(selectCurves);
  const race = useSampled(selectRace);
  if (!f) return null;
  const series: Series[] = [];
  for (const r of RACES[race]) {
    const g = f[`hgrad_${r.id}`];
    if (g) series.push({ name: `‖∂L/∂h_t‖ ${r.label}`, x: Array.from(g, (_, k) => k + 1), y: Array.from(g), color: RACER_COLOR[r.id] });
  }
  for (const r of RACES[race]) {
    const p = f[`fprod_${r.id}`];
    if (p) series.push({ name: `∏ f from t+1 to T, ${r.label}`, x: Array.from(p, (_, k) => k + 1), y: Array.from(p), color: RACER_COLOR[r.id], dashed: true });
  }
  return (
    <LineChart
      title="Gradient reaching each step of the latest minibatch (solid) and the LSTM's forget-gate product (dashed)"
      series={series}
      xLabel="time step t"
      yLabel="size (log scale)"
      logY
      height={220}
    />
  );
}
