/** The main figure: a phase bar per method (progress, time left) and the test-error table beside the published one. */
import { Covered } from '../../ui/Covered';
import { changeParams } from '../../ui/actions';
import { useFrame } from '../../ui/hooks';
import { useStore } from '../../ui/store';
import { DEEP, METHOD_IDS, METHOD_LABELS, PUBLISHED, phaseLabel, phasesOf, type PretrainingFrame } from './types';

const pct = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? '…' : `${(100 * v).toFixed(digits)}%`);

function PhaseBar({ i }: { i: number }) {
  const layers = useFrame((f: Partial<PretrainingFrame>) => f.layers?.[0]) ?? Number(useStore.getState().params.layers ?? 2);
  const index = useFrame((f: Partial<PretrainingFrame>) => f.phaseIndex?.[i]) ?? 0;
  const frac = useFrame((f: Partial<PretrainingFrame>) => f.phaseProgress?.[i]) ?? 0;
  const progress = useStore((s) => s.metrics[`progress_${METHOD_IDS[i]}`]);
  const left = useStore((s) => s.metrics.seconds_left);
  const phases = phasesOf(METHOD_IDS[i], layers);
  const finished = index >= phases.length;
  const current = finished ? 'finished' : phases[index];
  return (
    <div className="phasebar" data-method={METHOD_IDS[i]}>
      <div className="phasebar-head">
        <strong>{METHOD_LABELS[i]}</strong>
        <span className="phasebar-state" data-phase={current}>
          {current}
          {progress !== undefined && !finished && ` · ${Math.round(100 * progress)}%`}
          {left !== undefined && !finished && left > 0 && ` · about ${left} s left`}
        </span>
      </div>
      <div className="segments" role="progressbar" aria-label={`${METHOD_LABELS[i]}: ${current}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(100 * (progress ?? 0))}>
        {phases.map((ph, k) => (
          <div key={ph} className={`segment${k === index ? ' current' : ''}${k < index ? ' past' : ''}`} style={{ flexGrow: ph === 'read-out' ? 0.6 : 1 }}>
            <div className="fill" style={{ width: `${100 * (k < index ? 1 : k === index ? frac : 0)}%` }} />
            <span>{ph}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** One method's error on one set after fine-tuning: the mean over the seeds measured so far (± their spread for the test error). */
function Cell({ id, set }: { id: string; set: 'train' | 'valid' | 'test' }) {
  const m = useStore((s) => s.metrics);
  const v = m[`${set}_error_${id}`];
  const s = set === 'test' ? m[`test_error_${id}_sd`] : undefined;
  return (
    <td data-error={`${set}_error_${id}`}>
      {pct(v, 2)}
      {s !== undefined && ` ± ${(100 * s).toFixed(2)}`}
    </td>
  );
}

export function Race() {
  const phase = useStore((s) => phaseLabel(s.frame as Partial<PretrainingFrame> | null));
  const seeds = useStore((s) => Number(s.params.seeds ?? 1));
  const labels = useStore((s) => Number(s.params.labels ?? 0));
  const done = useStore((s) => s.metrics.seeds_done ?? 0);
  return (
    <div className="race">
      <p className="phase-line">
        Phase (auto-encoder run): <span data-metric="phase">{phase || 'not started'}</span>
      </p>
      {METHOD_IDS.map((id, i) => (
        <PhaseBar key={id} i={i} />
      ))}
      <div className="tables">
        <Covered>
          <table className="errors this-run">
            <caption>
              This run: MNIST error after fine-tuning, {labels.toLocaleString('en')} labelled training digits
              {seeds > 1 ? `, mean over ${done || '…'} of ${seeds} seeds (test: ± spread, sd)` : ', one seed'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col" title="the labelled training digits the net was fine-tuned on">Train</th>
                <th scope="col" title="1,000 held-out training digits, never trained on">Validation</th>
                <th scope="col" title="2,000 test digits, never trained on">Test</th>
              </tr>
            </thead>
            <tbody>
              {METHOD_IDS.map((id, i) => (
                <tr key={id}>
                  <th scope="row">{i < DEEP ? `Deep net, ${METHOD_LABELS[i].toLowerCase()}` : METHOD_LABELS[i]}</th>
                  <Cell id={id} set="train" />
                  <Cell id={id} set="valid" />
                  <Cell id={id} set="test" />
                </tr>
              ))}
            </tbody>
          </table>
        </Covered>
        <table className="errors published">
          <caption>Published: Bengio, Lamblin, Popovici &amp; Larochelle (NIPS 2006), Table 1, the MNIST training digits</caption>
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Test error</th>
            </tr>
          </thead>
          <tbody>
            {PUBLISHED.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.error.toFixed(1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="note">
        “This run” is what this page measured: train is the error on the labelled digits each net was fine-tuned on, validation on 1,000 held-out training
        digits, test on 2,000 test digits. “Published” is the paper&apos;s. They are not expected to match: the paper trained on tens of thousands of labelled digits for
        many epochs, this page on a few hundred or thousand, briefly.{' '}
        {seeds === 1 && (
          <button type="button" onClick={() => changeParams({ seeds: 3 })}>
            Run 3 seeds
          </button>
        )}
      </p>
    </div>
  );
}
