import { pause, play, reset, setSpeed, step } from '../workerBridge';
import { useStore } from '../../ui/store';

const SPEEDS = [
  { sps: 5, label: '5/s' },
  { sps: 30, label: '30/s' },
  { sps: 100, label: '100/s' },
  { sps: 1000, label: '1000/s' },
  { sps: 0, label: 'Full' },
];

/** The run's state in words, in a line of its own (reserved, so it never moves the figures). */
function RunState() {
  const done = useStore((s) => s.done);
  const n = useStore((s) => s.step);
  return (
    <p className="run-state" role="status" data-run-state={done ? 'finished' : ''}>
      {done ? `Finished at step ${n} — Reset to run again` : null}
    </p>
  );
}

/** Play, Pause, Step, Reset and a speed choice; `id="transport"` is the skip link's target. */
export function Transport({ compact = false }: { compact?: boolean }) {
  const playing = useStore((s) => s.playing);
  const sps = useStore((s) => s.stepsPerSecond);
  const done = useStore((s) => s.done);
  return (
    <div className="transport" id={compact ? undefined : 'transport'} tabIndex={-1} role="group" aria-label="Training controls">
      <button type="button" onClick={play} className={playing ? 'active' : ''} disabled={done} aria-pressed={playing}>
        Play
      </button>
      <button type="button" onClick={pause}>
        Pause
      </button>
      <button type="button" onClick={step} disabled={done}>
        Step
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
      <label className="speed">
        <span>Speed</span>{' '}
        <select value={sps} title="Training steps per second" onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s.sps} value={s.sps}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {!compact && <RunState />}
    </div>
  );
}
