import { useContext } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '../store';
import { SlotsContext } from '../slots';
import { plainMath } from '../text';

/** A metric as plain text: integers as they are, others to 4 significant digits; a missing value as a dash, never NaN. */
export function formatMetric(v: number | undefined): string {
  if (v === undefined) return '–';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '–' : v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/**
 * The live numbers as text (data-metric="<name>"); also an aria-live region for
 * screen readers. The shell shows it beside the transport (a slot), so it is in
 * the first screen wherever the page declares it. Values sit in fixed-width,
 * tabular cells so a changing number never moves the layout.
 */
export function Readout({ names, labels = {} }: { names: string[]; labels?: Record<string, string> }) {
  const metrics = useStore((s) => s.metrics);
  const slot = useContext(SlotsContext).readout;
  const dl = (
    <dl className="readout" aria-live="polite" aria-label="Live values">
      {['step', ...names.filter((n) => n !== 'step')].map((n) => (
        <div key={n}>
          <dt>{plainMath(labels[n] ?? n.replace(/_/g, ' '))}</dt>
          <dd data-metric={n}>{formatMetric(metrics[n])}</dd>
        </div>
      ))}
    </dl>
  );
  return slot ? createPortal(dl, slot) : dl;
}
