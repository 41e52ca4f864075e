import { useEffect } from 'react';
import { statedOver, type Claim } from '../../ui/claims';
import type { LessonMeta } from '../../ui/lesson';
import { COVER_TEXT, useResultsHidden } from '../../ui/reveal';
import { useStore } from '../../ui/store';
import { plainMath } from '../../ui/text';
import { claimsOf, trackClaims, useLiveClaims, type ClaimState } from './liveClaims';
import { clearSeedRuns, runMoreSeeds, SEEDS_PER_BATCH, useSeedRuns } from './seedRuns';

/** How many seeds `npm run claims` measures by default: the denominator of an unqualified claim. */
const MEASURED_SEEDS = 20;

/** Judges the scene's claims on the live run while the lesson is open (full page, presenter, embed). */
export function useClaimsTracking(meta: LessonMeta | undefined): void {
  useEffect(() => {
    if (!meta) return;
    const stop = trackClaims(meta);
    const unsub = useStore.subscribe((s, prev) => {
      if (s.scene !== prev.scene) clearSeedRuns();
    });
    return () => {
      unsub();
      stop();
      clearSeedRuns();
    };
  }, [meta]);
}

/** "Run 5 seeds", beside the transport on a scene with claims: its results appear under the claims. */
export function SeedRunsButton({ meta }: { meta: LessonMeta }) {
  const scene = useStore((s) => s.scene);
  const running = useSeedRuns((s) => s.scene === scene && s.queue.length > 0);
  if (!claimsOf(meta, scene).length) return null;
  return (
    <button type="button" className="seed-runs-toggle" disabled={running} onClick={() => void runMoreSeeds(meta, scene)} title="Replays this scene on the next seeds in the background and judges each run by the scene's claims">
      Run {SEEDS_PER_BATCH}<span className="toggle-label"> seeds</span>
    </button>
  );
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

function when(c: Claim): string {
  if (typeof c.at === 'number') return `judged at step ${c.at.toLocaleString('en-US')}`;
  if (c.at === 'end') return 'judged when the run ends';
  return `judged when ${c.at.slice(6)} ends`;
}

/** The status line of one claim in this run, with its measured rate. */
function statusText(c: Claim, state: ClaimState, seed: number | null, off: string | null): string {
  const [k, n] = statedOver(c, MEASURED_SEEDS);
  const rate = k === n ? `holds on all ${n} seeds measured` : `${k}/${n} seeds`;
  if (state === 'pending') return off ? `${off} · ${rate}` : `${when(c)} · ${rate}`;
  if (state === 'held') return `seen in this run · ${rate}`;
  const s = seed === null ? 'this run' : `seed ${seed}`;
  if (k === n) return `not in this run (${s}), although it held on all ${n} seeds measured`;
  return `not in this run: ${s} is one of the ${n - k} in ${n} where it does not hold`;
}

/** The short status of presenter mode: one line per claim beside its sentence. */
function shortStatus(c: Claim, state: ClaimState, seed: number | null, off: string | null): string {
  const [k, n] = statedOver(c, MEASURED_SEEDS);
  if (state === 'pending') return off ? 'not judged: settings changed' : `${when(c)} · ${k}/${n} seeds`;
  if (state === 'held') return `seen in this run · ${k}/${n} seeds`;
  return `not in this run${seed === null ? '' : ` (seed ${seed})`} · ${k}/${n} seeds`;
}

/** "Results of this scene: 2 held, 1 pending" */
function summaryText(states: ClaimState[]): string {
  const n = (s: ClaimState) => states.filter((x) => x === s).length;
  const parts = [n('held') && `${n('held')} held`, n('missed') && `${n('missed')} not in this run`, n('pending') && `${n('pending')} pending`].filter(Boolean);
  return `This scene's ${states.length === 1 ? 'result' : `${states.length} results`}, checked on this run: ${parts.join(', ')}`;
}

const MARK: Record<ClaimState, string> = { pending: '…', held: '✓', missed: '✗' };

/**
 * The scene's result sentences with their state in this run and their rate
 * over seeds, and "Run 5 seeds". Covered (its space kept) while results are
 * hidden: a claim states the result.
 */
export function ClaimList({ meta, compact = false }: { meta: LessonMeta; compact?: boolean }) {
  const scene = useStore((s) => s.scene);
  const claims = claimsOf(meta, scene);
  const live = useLiveClaims();
  const seedRuns = useSeedRuns();
  const hidden = useResultsHidden();
  if (!claims.length) return null;
  const rows = seedRuns.scene === scene ? seedRuns.rows : [];
  const list = (
      <ul className="claim-list">
        {claims.map((c) => {
          const state = live.states[c.id] ?? 'pending';
          const [k, n] = statedOver(c, MEASURED_SEEDS);
          const status = compact ? shortStatus(c, state, live.seed, live.offScene) : `${statusText(c, state, live.seed, live.offScene)}${state !== 'pending' && c.key && live.keys[c.id] !== undefined ? `; ${c.key} ${fmt(live.keys[c.id])}` : ''}`;
          return (
            <li key={c.id} data-claim={c.id} data-claim-state={state} data-claim-rate={`${k}/${n}`}>
              <span className={`claim-mark ${state}`} aria-hidden="true">{MARK[state]}</span>
              <span className="claim-text" title={compact ? plainMath(c.text) : undefined}>{plainMath(c.text)}</span>
              {/* one line whatever it says, so a claim that is judged mid-run moves nothing below it */}
              <span className="claim-status" title={status}>{status}</span>
            </li>
          );
        })}
      </ul>
  );
  const running = seedRuns.scene === scene && seedRuns.queue.length > 0;
  return (
    <div className={`claims covered${compact ? ' compact' : ''}`} data-claims data-covered={hidden ? '' : undefined}>
      {compact ? (
        list
      ) : (
        // on the page the claims fold into one line of their states, so the figure keeps the first screen
        <details className="claims-fold">
          <summary>
            <span aria-hidden="true">{claims.map((c) => MARK[live.states[c.id] ?? 'pending']).join(' ')}</span> {summaryText(claims.map((c) => live.states[c.id] ?? 'pending'))}
          </summary>
          {list}
        </details>
      )}
      {(running || seedRuns.error) && (
        <div className="claim-seeds">
          {running && (
            <span className="claim-progress" role="status">
              {seedRuns.progress ? `seed ${seedRuns.progress.seed}: step ${seedRuns.progress.step} of ${seedRuns.progress.of}` : 'starting…'} · {rows.length} of {rows.length + seedRuns.queue.length} done
            </span>
          )}
          {seedRuns.error && <span className="claim-error" role="alert">{seedRuns.error}</span>}
        </div>
      )}
      {rows.length > 0 && (
        <table className="claim-runs" data-claim-runs>
          <caption>Other seeds of this scene</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Held</th>
              {rows.map((r) => (
                <th scope="col" key={r.seed}>seed {r.seed}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr key={c.id} data-claim-tally={c.id}>
                <th scope="row">{c.id}</th>
                <td>
                  {rows.filter((r) => r.held[c.id]).length} of {rows.length}
                </td>
                {rows.map((r) => (
                  <td key={r.seed} className={r.held[c.id] ? 'held' : 'missed'}>
                    {r.held[c.id] ? '✓' : '✗'}
                    {r.keys[c.id] !== undefined ? ` ${fmt(r.keys[c.id])}` : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden && <div className="cover-note">{COVER_TEXT}</div>}
    </div>
  );
}
