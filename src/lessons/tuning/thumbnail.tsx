/** The home page card's sketch of this lesson's grid-against-random figure (SVG children of a 120x80 viewBox; decorative, claiming no result). */
const GRID = '#0072B2';
const RANDOM = '#E69F00';
const random = [
  [18, 22],
  [31, 58],
  [44, 35],
  [52, 66],
  [63, 17],
  [77, 48],
  [86, 28],
  [95, 61],
  [104, 40],
];

export default function Tuning() {
  return (
    <>
      {[30, 60, 90].flatMap((x) => [18, 40, 62].map((y) => <rect key={`${x}-${y}`} x={x - 4} y={y - 4} width="8" height="8" fill={GRID} />))}
      {random.map(([x, y]) => (
        <circle key={`${x}-${y}`} cx={x} cy={y} r="3.5" fill={RANDOM} />
      ))}
      <line x1="8" x2="112" y1="74" y2="74" stroke="currentColor" strokeWidth="1" />
      {random.map(([x]) => (
        <line key={`r${x}`} x1={x} x2={x} y1="71" y2="77" stroke={RANDOM} strokeWidth="1.5" />
      ))}
    </>
  );
}
