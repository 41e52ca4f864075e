/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const B = '#0072B2';
const INK = 'currentColor';

export default function Pretraining() {
  return (
    <>
      {Array.from({ length: 5 }, (_, r) =>
        Array.from({ length: 5 }, (_, c) => <rect key={`${r}${c}`} x={10 + c * 9} y={16 + r * 9} width="8" height="8" fill={INK} opacity={(r * 5 + c) % 3 === 0 ? 0.8 : 0.15} />),
      )}
      <path d="M62 40 L80 40" stroke={INK} strokeWidth="2" markerEnd="url(#arrow)" />
      {[20, 36, 52].map((y) => (
        <circle key={y} cx="96" cy={y + 4} r="6" fill={B} />
      ))}
    </>
  );
}
