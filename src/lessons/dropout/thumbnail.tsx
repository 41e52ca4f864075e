/** The home page card's sketch of this lesson's main figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const G = '#009E73';
const INK = 'currentColor';

export default function Dropout() {
  const cols = [20, 60, 100];
  return (
    <>
      {cols.map((x, c) =>
        [16, 32, 48, 64].map((y, r) => {
          const off = c === 1 && (r === 1 || r === 2);
          return <circle key={`${c}${r}`} cx={x} cy={y} r="6" fill={off ? 'none' : G} stroke={off ? INK : G} strokeDasharray={off ? '2 2' : undefined} />;
        }),
      )}
      {[16, 32, 48, 64].map((y) => (
        <line key={y} x1="26" x2="54" y1={y} y2={y === 16 ? 16 : 64} stroke={INK} opacity="0.35" />
      ))}
    </>
  );
}
