import { palette } from './colors';
import { plainMath } from '../text';

/**
 * Names each series with a sample of its line as drawn: colour and dash, so
 * train and validation (solid and dashed) are told apart without colour.
 */
export function Legend({ series }: { series: readonly { name: string; color?: string; dashed?: boolean }[] }) {
  return (
    <ul className="legend">
      {series.map((s, k) => (
        <li key={s.name}>
          <svg viewBox="0 0 24 10" aria-hidden="true">
            <line x1="1" x2="23" y1="5" y2="5" stroke={s.color ?? palette[k % palette.length]} strokeWidth="2.5" strokeDasharray={s.dashed ? '5 3' : undefined} />
          </svg>
          {plainMath(s.name)}
        </li>
      ))}
    </ul>
  );
}
