/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const B = '#0072B2';
const O = '#E69F00';
const INK = 'currentColor';

export default function Optimizers() {
  return (
    <>
      {[1, 2, 3, 4].map((k) => (
        <ellipse key={k} cx="74" cy="42" rx={12 * k} ry={4.5 * k} fill="none" stroke={INK} opacity="0.35" />
      ))}
      <polyline points="14,16 30,60 40,22 52,56 60,30 68,48 74,42" fill="none" stroke={B} strokeWidth="2" />
      <path d="M14 16 C40 20 56 36 74 42" fill="none" stroke={O} strokeWidth="2" />
      <circle cx="74" cy="42" r="3" fill={INK} />
    </>
  );
}
