import { palette } from './colors';

/** Colour swatches naming each series (colour from the series, else the palette in order). */
export function Legend({ series }: { series: readonly { name: string; color?: string }[] }) {
  return (
    <ul className="legend">
      {series.map((s, k) => (
        <li key={s.name}>
          <span className="swatch" style={{ background: s.color ?? palette[k % palette.length] }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
