/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const B = '#0072B2';
const INK = 'currentColor';

export default function Vanishing() {
  const h = [8, 14, 24, 38, 56];
  return (
    <>
      {h.map((v, i) => (
        <rect key={i} x={14 + i * 20} y={72 - v} width="14" height={v} fill={i === 0 ? '#D55E00' : B} />
      ))}
      <line x1="8" x2="112" y1="72" y2="72" stroke={INK} strokeWidth="1" />
    </>
  );
}
