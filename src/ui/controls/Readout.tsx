import { useContext, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '../store';
import { SlotsContext } from '../slots';
import { plainMath } from '../text';
import { PROGRESS_METRICS, useResultsHidden } from '../reveal';

/** A metric as plain text: integers as they are, others to 4 significant digits; a missing value as a dash, never NaN. */
export function formatMetric(v: number | undefined): string {
  if (v === undefined) return '–';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '–' : v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return Math.abs(v) < 1e7 ? String(v) : v.toPrecision(3);
  const a = Math.abs(v);
  // at most 8 characters (9 with a sign): the cell has a fixed width, so a number never moves the layout
  if (a < 1e-3 || a >= 1e5) return v.toExponential(2).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** How many values a phone shows before "All values". */
const FOLD = 4;

/**
 * The live numbers as text (data-metric="<name>"); also an aria-live region for
 * screen readers. The shell shows it beside the transport (a slot), so it is in
 * the first screen wherever the page declares it. Values sit in fixed-width,
 * tabular cells so a changing number never moves the layout.
 */
export function Readout({ names, labels = {}, pending = {} }: {
  names: string[];
  labels?: Record<string, string>;
  /** What a value waits for while the run has not measured it yet (e.g. 'at the end'), instead of a bare dash. */
  pending?: Record<string, string>;
}) {
  const metrics = useStore((s) => s.metrics);
  const slot = useContext(SlotsContext).readout;
  const [all, setAll] = useState(false);
  // predict, then reveal: a result reads "?" (the step count still shows the run going on)
  const hidden = useResultsHidden();
  const covered = (n: string) => hidden && !PROGRESS_METRICS.has(n);
  const shown = ['step', ...names.filter((n) => n !== 'step')];
  const dl = (
    <div className="readout-box">
    <dl className={all ? 'readout' : 'readout folded'} aria-live="polite" aria-label="Live values">
      {shown.map((n) => (
        <div key={n}>
          <dt>{plainMath(labels[n] ?? n.replace(/_/g, ' '))}</dt>
          {covered(n) ? (
            <dd data-metric={n} data-hidden="">
              ?
            </dd>
          ) : metrics[n] === undefined && pending[n] ? (
            <dd data-metric={n} data-pending="" className="pending">
              {pending[n]}
            </dd>
          ) : (
            <dd data-metric={n}>{formatMetric(metrics[n])}</dd>
          )}
        </div>
      ))}
    </dl>
    {shown.length > FOLD && (
      // a phone shows the first values and folds the rest (the stylesheet hides this button on wider screens)
      <button type="button" className="readout-more" aria-expanded={all} onClick={() => setAll(!all)}>
        {all ? 'Fewer values' : `All ${shown.length} values`}
      </button>
    )}
    </div>
  );
  return slot ? createPortal(dl, slot) : dl;
}
