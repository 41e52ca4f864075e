/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const B = '#0072B2';
const O = '#E69F00';
const G = '#009E73';
const INK = 'currentColor';

export default function Lstm() {
  return (
    <>
      <rect x="30" y="16" width="60" height="48" rx="6" fill="none" stroke={INK} />
      <line x1="8" x2="112" y1="26" y2="26" stroke={O} strokeWidth="2.5" />
      {[44, 60, 76].map((x, i) => (
        <circle key={x} cx={x} cy="48" r="6" fill={[B, G, '#CC79A7'][i]} />
      ))}
      <line x1="8" x2="30" y1="54" y2="54" stroke={INK} />
      <line x1="90" x2="112" y1="54" y2="54" stroke={INK} />
    </>
  );
}
