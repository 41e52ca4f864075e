import type { ReactNode } from 'react';
import { POINTS_MAX } from '../pointData';
import type { PointMode } from '../plots/PointEditor';

const MODES: { mode: PointMode; label: string; mark: string }[] = [
  { mode: 'add0', label: 'Class 0', mark: '●' },
  { mode: 'add1', label: 'Class 1', mark: '■' },
  { mode: 'remove', label: 'Remove', mark: '✕' },
];

/**
 * The own-data toolbar under an editable plot: what a click or tap does (a
 * toggle that works on touch, where there is no shift key), "Reset data", and
 * one line on what editing does, with the point count and its cap.
 */
export function PointTools({ mode, onMode, count, own, onReset, problem, colors, extra, about }: {
  mode: PointMode;
  onMode(m: PointMode): void;
  count: number;
  own: boolean;
  onReset(): void;
  problem?: string;
  colors: readonly [string, string];
  /** A lesson's own line on what its data set is (e.g. where added points go). */
  extra?: ReactNode;
  /** What the scene captions and the text describe (e.g. "the four XOR points"): said while own data is in use. */
  about: string;
}) {
  const full = count >= POINTS_MAX;
  return (
    <div className="point-tools" role="group" aria-label="Edit the data">
      <div className="point-tools-row">
        {MODES.map((m, i) => (
          <button key={m.mode} type="button" aria-pressed={mode === m.mode} onClick={() => onMode(m.mode)}>
            <span aria-hidden="true" className="point-mark" style={{ color: i < 2 ? colors[i] : undefined }}>{m.mark}</span> {m.label}
          </button>
        ))}
        <button type="button" onClick={onReset} disabled={!own}>
          Reset data
        </button>
      </div>
      <p className="axis-note" data-own-data={own ? 'own' : 'lesson'}>
        {mode === 'remove' ? 'Click or tap a point to remove it' : `Click or tap to add a point of class ${mode === 'add1' ? 1 : 0} (shift-click: the other), drag one to move it`}.
        Each change restarts training. <span data-point-count={count}>{count}</span> of at most {POINTS_MAX} points{full ? ' (full: a link carries no more)' : ''}.
        {extra ? <> {extra}</> : null}
      </p>
      {own && (
        // under the plot, not above it: the plot must not move under the pointer that edits it
        <p className="note" role="status" data-own-note="">
          Your own data: the scene’s caption and the text are about {about}, not your points.
        </p>
      )}
      {problem && <p className="note" role="status">The data in the link could not be read ({problem}); using the lesson’s data set.</p>}
    </div>
  );
}
