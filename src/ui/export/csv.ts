/** The metrics history as CSV: a comment line saying where it came from, a header, one row per recorded step. */
import type { History } from '../store';

/** A field as CSV writes it: quoted when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number in full precision; a missing or non-finite value as an empty field. */
function csvNumber(v: number | undefined): string {
  return v === undefined || Number.isNaN(v) ? '' : String(v);
}

/** `# <source>` then `step,<metric>,...` then a row per recorded step (metrics in the history's order). */
export function historyCsv(h: History, source?: string): string {
  const names = Object.keys(h.values);
  const lines: string[] = [];
  if (source) lines.push(`# ${source.replace(/[\r\n]+/g, ' ')}`);
  lines.push(['step', ...names].map(csvField).join(','));
  h.step.forEach((s, i) => lines.push([csvNumber(s), ...names.map((n) => csvNumber(h.values[n][i]))].join(',')));
  return lines.join('\n') + '\n';
}
