import { pause, play, reset, setSpeed, step } from '../workerBridge';
import { useStore } from '../../ui/store';

const SPEEDS = [
  { sps: 5, label: 'Slow (5 steps/s)' },
  { sps: 30, label: 'Medium (30 steps/s)' },
  { sps: 100, label: 'Fast (100 steps/s)' },
  { sps: 1000, label: 'Faster (1000 steps/s)' },
  { sps: 0, label: 'Full speed' },
];

/** Play, Pause, Step, Reset and a speed choice. */
export function Transport() {
  const playing = useStore((s) => s.playing);
  const sps = useStore((s) => s.stepsPerSecond);
  const done = useStore((s) => s.done);
  return (
    <div className="transport" role="group" aria-label="Training controls">
      <button type="button" onClick={play} className={playing ? 'active' : ''} disabled={done} aria-pressed={playing}>
        Play
      </button>
      <button type="button" onClick={pause}>
        Pause
      </button>
      <button type="button" onClick={step}>
        Step
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
      <label className="speed">
        Speed{' '}
        <select value={sps} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s.sps} value={s.sps}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
