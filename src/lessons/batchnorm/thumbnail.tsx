/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const B = '#0072B2';
const O = '#D55E00';
const INK = 'currentColor';

/** A wide, off-centre histogram above a standardized one: a unit before and after normalization. */
export default function BatchNorm() {
  const before = [2, 4, 7, 11, 14, 12, 8, 5];
  const after = [3, 8, 16, 24, 24, 16, 8, 3];
  return (
    <>
      {before.map((h, i) => (
        <rect key={`b${i}`} x={52 + i * 8} y={34 - h} width="6" height={h} fill={O} />
      ))}
      <line x1="8" x2="112" y1="34" y2="34" stroke={INK} strokeWidth="1" />
      {after.map((h, i) => (
        <rect key={`a${i}`} x={28 + i * 8} y={74 - h} width="6" height={h} fill={B} />
      ))}
      <line x1="8" x2="112" y1="74" y2="74" stroke={INK} strokeWidth="1" />
      <line x1="60" x2="60" y1="40" y2="74" stroke={INK} strokeDasharray="2 2" opacity="0.5" />
    </>
  );
}
