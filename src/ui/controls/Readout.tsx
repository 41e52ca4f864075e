import { useStore } from '../store';

/** A metric as plain text: integers as they are, others to 4 significant digits. */
export function formatMetric(v: number | undefined): string {
  if (v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/** The live numbers as text (data-metric="<name>"); also an aria-live region for screen readers. */
export function Readout({ names, labels = {} }: { names: string[]; labels?: Record<string, string> }) {
  const metrics = useStore((s) => s.metrics);
  return (
    <dl className="readout" aria-live="polite" aria-label="Live values">
      {['step', ...names.filter((n) => n !== 'step')].map((n) => (
        <div key={n}>
          <dt>{labels[n] ?? n.replace(/_/g, ' ')}</dt>
          <dd data-metric={n}>{formatMetric(metrics[n])}</dd>
        </div>
      ))}
    </dl>
  );
}
