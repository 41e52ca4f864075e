import { useSampled } from '../../ui/hooks';
import { LineChart, type Series } from '../../ui/plots/LineChart';
import { palette } from '../../ui/plots/colors';
import { thin } from '../../ui/thin';
import type { State } from '../../ui/store';
import { RACES, SYMBOLS, raceOf } from './types';

const selectHistory = (s: State) => s.history;
const selectRace = (s: State) => raceOf(s.params.race);
/** One colour per racer across every figure of the lesson. */
export const RACER_COLOR: Record<string, string> = {
  rnn: palette[5], lstm: palette[0], gru: palette[2], lstm_b0: palette[1], lstm_b1: palette[0], lstm_b2: palette[3], lstm_clip: palette[0], lstm_noclip: palette[1],
};

/** Held-out accuracy and training loss of every racer against the step. */
export function RaceView() {
  const h = useSampled(selectHistory);
  const race = useSampled(selectRace);
  const racers = RACES[race];
  const curve = (metric: string, id: string, label: string): Series => {
    const [x, y] = thin(h.step, h.values[`${metric}_${id}`] ?? []);
    return { name: label, x, y, color: RACER_COLOR[id] };
  };
  const last = h.step[h.step.length - 1] ?? 0;
  const chance: Series = { name: 'chance (1/4)', x: [0, Math.max(1, last)], y: [1 / SYMBOLS, 1 / SYMBOLS], color: '#888', dashed: true };
  return (
    <div className="race">
      <LineChart
        title="Accuracy on 256 held-out sequences"
        series={[...racers.map((r) => curve('acc', r.id, r.label)), chance]}
        xLabel="training step"
        yLabel="accuracy"
        yDomain={[0, 1]}
        height={200}
      />
      <LineChart title="Training loss (cross-entropy, log scale)" series={racers.map((r) => curve('loss', r.id, r.label))} xLabel="training step" yLabel="loss" logY height={200} />
    </div>
  );
}
