import { useEffect } from 'react';
import './compare.css';
import type { LessonMeta } from '../lesson';
import { defaults } from '../params';
import { sceneParams } from '../lesson';
import { useStore } from '../store';
import { clearKept, keepRun, MAX_KEPT, openKept, removeKept, renameKept, useKept } from './kept';
import { GHOST_DASHES, keptLabel } from './labels';

/**
 * "Keep this run" and the kept runs (label editable, each removable), beside
 * the transport: change one setting, press Play, see the difference on every
 * line chart. Marked data-export-ui so figure exports leave it out. A phone
 * has no room beside its transport: there each line chart's figure menu
 * offers "Keep this run", and this row shows only once runs are kept.
 */
export function KeepRuns({ meta }: { meta: LessonMeta }) {
  useEffect(() => openKept(meta, new URLSearchParams(location.search)), [meta]);
  const runs = useKept((s) => s.runs);
  const note = useKept((s) => s.note);
  const charts = useKept((s) => s.charts);
  const params = useStore((s) => s.params);
  const scene = useStore((s) => s.scene);
  const base = { ...defaults(meta.params), ...(scene >= 0 ? sceneParams(meta, scene) : {}) };
  return (
    <div className={runs.length || note ? 'keep-runs has-kept' : 'keep-runs'} data-export-ui role="group" aria-label="Compare runs">
      <button
        type="button"
        className="keep-button"
        onClick={keepRun}
        disabled={!charts}
        title={charts ? `Freeze the curves of this run under the live ones (at most ${MAX_KEPT}; the oldest goes first)` : 'This scene draws no curve over time to keep'}
      >
        Keep this run
      </button>
      {runs.map((r, i) => {
        const auto = keptLabel(meta.params, { label: '', params: r.params }, i, params, base);
        return (
          <span className="kept" key={i} data-kept={i}>
            <svg viewBox="0 0 20 8" aria-hidden="true">
              <line x1="1" x2="19" y1="4" y2="4" strokeDasharray={GHOST_DASHES[i % GHOST_DASHES.length]} />
            </svg>
            <input aria-label={`Label of kept run ${i + 1}`} value={r.label} placeholder={auto} size={Math.max(4, Math.min(14, (r.label || auto).length))} maxLength={40} onChange={(e) => renameKept(i, e.target.value)} />
            <button type="button" className="kept-remove" aria-label={`Remove kept run ${i + 1}`} onClick={() => removeKept(i)}>
              ×
            </button>
          </span>
        );
      })}
      {runs.length > 0 && (
        <button type="button" onClick={clearKept}>
          Clear kept runs
        </button>
      )}
      {note && (
        <span className="note" role="status" data-kept-note>
          {note}
        </span>
      )}
    </div>
  );
}
