import { useState } from 'react';
import { changeParams } from '../../ui/actions';
import { useStore } from '../../ui/store';
import { lettersOf } from './values';
import { MAX_PROBE, SYMBOL_NAMES, type LstmFrame } from './types';

/** Keeps only A-D (upper-cased), at most MAX_PROBE of them: the note says what was dropped. */
function clean(raw: string): { text: string; dropped: boolean } {
  const up = raw.toUpperCase();
  const text = up.replace(/[^A-D]/g, '').slice(0, MAX_PROBE);
  return { text, dropped: text.length !== up.replace(/\s/g, '').length };
}

/** Softmax outputs after the last step as "A 0.97" text, largest first. */
function answer(p: Float32Array | undefined): string {
  if (!p || p.length !== 4) return '…';
  const k = p.indexOf(Math.max(...p));
  return `${SYMBOL_NAMES[k]} (p = ${p[k].toFixed(2)})`;
}

/**
 * The sequence the gates are shown for: the symbols (click one to go to that
 * step), buttons and a text box to write your own, the step cursor and what
 * each trained network answers at the end.
 */
export function ProbeEditor({ frame, t, setT }: { frame: Partial<LstmFrame> | null; t: number; setT: (t: number) => void }) {
  const probeParam = useStore((s) => String(s.params.probe ?? ''));
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const ids = frame?.probe ?? new Float32Array(0);
  const T = ids.length;
  const shown = lettersOf(ids);
  const set = (text: string) => {
    setDraft(null);
    changeParams({ probe: text });
  };
  const commit = (raw: string) => {
    const { text, dropped } = clean(raw);
    setNote(dropped ? `Only the symbols A, B, C, D count (at most ${MAX_PROBE}); the rest was left out.` : null);
    set(text);
  };
  // appending starts from what is shown, so the task's own sequence can be edited too
  const base = probeParam || shown;
  return (
    <div className="probe">
      <ol className="probe-seq" aria-label="The sequence, one symbol per step">
        {Array.from(shown, (ch, k) => (
          <li key={k}>
            <button type="button" className={k === t ? 'sym current' : 'sym'} aria-current={k === t ? 'step' : undefined} aria-label={`Symbol ${k + 1}: ${ch}`} onClick={() => setT(k)}>
              {ch}
            </button>
          </li>
        ))}
      </ol>
      <div className="probe-row">
        <button type="button" aria-label="Earlier symbol" onClick={() => setT(Math.max(0, t - 1))} disabled={t <= 0}>
          ◀
        </button>
        <label className="probe-t">
          t = <output data-probe-t>{T ? t + 1 : 0}</output> of {T}
          <input type="range" min={0} max={Math.max(0, T - 1)} value={Math.min(t, Math.max(0, T - 1))} aria-label="Time t" onChange={(e) => setT(Number(e.target.value))} />
        </label>
        <button type="button" aria-label="Later symbol" onClick={() => setT(Math.min(T - 1, t + 1))} disabled={t >= T - 1}>
          ▶
        </button>
      </div>
      <div className="probe-row">
        {SYMBOL_NAMES.map((s) => (
          <button type="button" key={s} aria-label={`Add ${s}`} onClick={() => set((base + s).slice(0, MAX_PROBE))}>
            +{s}
          </button>
        ))}
        <button type="button" onClick={() => set(base.slice(0, -1))} disabled={base.length <= 1}>
          Delete last
        </button>
        <button type="button" onClick={() => set('')} disabled={!probeParam}>
          Task's own
        </button>
      </div>
      <label className="probe-type">
        Type a sequence
        <input
          type="text"
          value={draft ?? probeParam}
          placeholder={shown}
          maxLength={MAX_PROBE + 10}
          spellCheck={false}
          autoCapitalize="characters"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => draft !== null && commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
          }}
        />
      </label>
      {note && (
        <small className="note" role="status">
          {note}
        </small>
      )}
      <p className="probe-answer" data-probe-answer>
        First symbol: <strong>{shown[0] ?? '…'}</strong>. Answers after the last step: LSTM {answer(frame?.p_lstm)}
        {frame?.p_rnn ? `, RNN ${answer(frame.p_rnn)}` : ''}
        {frame?.p_gru ? `, GRU ${answer(frame.p_gru)}` : ''}.
      </p>
    </div>
  );
}
