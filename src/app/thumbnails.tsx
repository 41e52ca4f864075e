/**
 * The home page's lesson cards' pictures: each lesson's own sketch of its main
 * figure (SVG, not a screenshot, claiming no result). A lesson without one gets
 * a generic network.
 */
import type { ReactElement } from 'react';

const B = '#0072B2';
const INK = 'currentColor';

function Network() {
  return (
    <>
      {[24, 60, 96].map((x) => [20, 40, 60].map((y) => <circle key={`${x}${y}`} cx={x} cy={y} r="6" fill={B} />))}
      <line x1="30" x2="54" y1="20" y2="60" stroke={INK} opacity="0.4" />
      <line x1="66" x2="90" y1="40" y2="20" stroke={INK} opacity="0.4" />
    </>
  );
}

/** Each lesson draws its own card in src/lessons/<id>/thumbnail.tsx: a new lesson edits no table here. */
const found = import.meta.glob<{ default: () => ReactElement }>('../lessons/*/thumbnail.tsx', { eager: true });
const DRAWINGS: Record<string, () => ReactElement> = Object.fromEntries(
  Object.entries(found).map(([path, m]) => [path.split('/')[2], m.default]),
);

/** The card picture of a lesson (decorative: the card's text says what it is). */
export function Thumbnail({ id }: { id: string }) {
  const Drawing = DRAWINGS[id] ?? Network;
  return (
    <svg className="thumb" viewBox="0 0 120 80" aria-hidden="true" focusable="false">
      <defs>
        <marker id="arrow" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0 0 L6 3 L0 6 Z" fill="currentColor" />
        </marker>
      </defs>
      <Drawing />
    </svg>
  );
}
