/**
 * Small drawings for the home page's lesson cards: a sketch of each lesson's
 * main figure, drawn here as SVG (not a screenshot, and claiming no result).
 * A lesson without one gets a generic network.
 */
import type { ReactElement } from 'react';

const B = '#0072B2';
const O = '#E69F00';
const G = '#009E73';
const INK = 'currentColor';

function Xor() {
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

function Vanishing() {
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

function Optimizers() {
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

function Dropout() {
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

function Pretraining() {
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

function Convolution() {
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

function Lstm() {
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

function Network() {
  return (
    <>
      {[24, 60, 96].map((x) => [20, 40, 60].map((y) => <circle key={`${x}${y}`} cx={x} cy={y} r="6" fill={B} />))}
      <line x1="30" x2="54" y1="20" y2="60" stroke={INK} opacity="0.4" />
      <line x1="66" x2="90" y1="40" y2="20" stroke={INK} opacity="0.4" />
    </>
  );
}

const DRAWINGS: Record<string, () => ReactElement> = { xor: Xor, vanishing: Vanishing, optimizers: Optimizers, dropout: Dropout, pretraining: Pretraining, convolution: Convolution, lstm: Lstm };

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
