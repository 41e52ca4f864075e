/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const B = '#0072B2';
const O = '#E69F00';

export default function Xor() {
  return (
    <>
      <rect x="8" y="8" width="104" height="64" rx="4" fill={B} opacity="0.18" />
      <path d="M8 30 C40 30 50 8 58 8 L112 8 L112 50 C80 50 70 72 62 72 L8 72 Z" fill={O} opacity="0.3" />
      <circle cx="24" cy="62" r="6" fill={B} />
      <circle cx="96" cy="18" r="6" fill={B} />
      <rect x="18" y="12" width="12" height="12" fill={O} />
      <rect x="90" y="56" width="12" height="12" fill={O} />
    </>
  );
}
