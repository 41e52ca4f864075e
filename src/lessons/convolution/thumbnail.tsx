/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const B = '#0072B2';
const O = '#E69F00';
const INK = 'currentColor';

export default function Convolution() {
  return (
    <>
      {Array.from({ length: 6 }, (_, r) =>
        Array.from({ length: 6 }, (_, c) => <rect key={`${r}${c}`} x={8 + c * 10} y={10 + r * 10} width="9" height="9" fill={B} opacity={0.15 + ((r + c) % 4) * 0.15} />),
      )}
      <rect x="18" y="20" width="29" height="29" fill="none" stroke={O} strokeWidth="2.5" />
      <rect x="84" y="28" width="24" height="24" fill={O} opacity="0.6" />
      <line x1="47" y1="34" x2="84" y2="40" stroke={INK} opacity="0.5" />
    </>
  );
}
