import { diverging, sequential } from '../../ui/plots/colors';
import { cellAt } from './labels';
import type { LstmFrame } from './types';

const rgb = ([r, g, b]: [number, number, number]) => `rgb(${r | 0},${g | 0},${b | 0})`;
const gateFill = (v: number) => rgb(sequential(v));
const signedFill = (v: number) => rgb(diverging((v + 1) / 2));
/** Text that stays readable on its box's fill. */
const ink = (v: number, gate: boolean) => (gate ? (v < 0.55 ? '#fff' : '#111') : '#111');
const f3 = (v: number) => (Math.abs(v) < 0.0005 ? '0.000' : v.toFixed(3));

function Box({ x, y, label, value, gate, title }: { x: number; y: number; label: string; value: number; gate: boolean; title: string }) {
  return (
    <g transform={`translate(${x} ${y})`} data-gate={label}>
      <title>{title}</title>
      <rect x={-32} y={-22} width={64} height={44} rx={6} fill={gate ? gateFill(value) : signedFill(value)} stroke="#333" />
      <text y={-5} textAnchor="middle" className="cell-sym" fill={ink(value, gate)}>
        {label}
      </text>
      <text y={13} textAnchor="middle" className="cell-val" fill={ink(value, gate)} data-value={value}>
        {f3(value)}
      </text>
    </g>
  );
}

function Op({ x, y, sym }: { x: number; y: number; sym: string }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <circle r={13} fill="#fff" stroke="#333" />
      <text y={5} textAnchor="middle" className="cell-op">
        {sym}
      </text>
    </g>
  );
}

/**
 * One LSTM unit at one step, in Goodfellow's letters: s_t = f s_{t-1} + g s~,
 * h_t = tanh(s_t) q, with the engine's values for unit j at step t.
 */
export function CellDiagram({ frame, t, j, symbol }: { frame: Partial<LstmFrame> | null; t: number; j: number; symbol: string }) {
  const v = cellAt(frame, j, t);
  if (!v) return <p className="axis-note">The cell appears with the first frame.</p>;
  return (
    <figure className="chart cell-diagram">
      <figcaption>
        Unit {j + 1} at step {t + 1} (input {symbol})
      </figcaption>
      <svg viewBox="0 0 450 305" role="img" aria-label={`LSTM unit ${j + 1} at step ${t + 1}`}>
        <defs>
          <marker id="lstm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill="#333" />
          </marker>
        </defs>
        <g className="wires" stroke="#333" strokeWidth={2} fill="none" markerEnd="url(#lstm-arrow)">
          <path d="M 80 50 H 107" />
          <path d="M 133 50 H 211" />
          <path d="M 238 50 H 373" />
          <path d="M 340 50 V 106" />
          <path d="M 340 133 V 171" />
          <path d="M 353 185 H 373" />
          <path d="M 120 228 V 63" />
          <path d="M 190 228 V 150 H 211" />
          <path d="M 260 228 V 150 H 239" />
          <path d="M 225 137 V 63" />
          <path d="M 340 228 V 199" />
          <path d="M 120 292 H 340 M 190 292 V 272 M 260 292 V 272 M 340 292 V 272 M 120 292 V 272" markerEnd="none" />
        </g>
        <Box x={45} y={50} label="s(t−1)" value={v.cPrev} gate={false} title="cell state of the previous step" />
        <Op x={120} y={50} sym="×" />
        <Op x={225} y={50} sym="+" />
        <Op x={225} y={150} sym="×" />
        <g transform="translate(340 120)">
          <rect x={-24} y={-13} width={48} height={26} rx={4} fill="#fff" stroke="#333" />
          <text y={5} textAnchor="middle" className="cell-op small">
            tanh
          </text>
        </g>
        <Op x={340} y={185} sym="×" />
        <Box x={410} y={50} label="s(t)" value={v.c} gate={false} title="cell state s_t = f s_(t-1) + g s~" />
        <Box x={410} y={185} label="h(t)" value={v.h} gate={false} title="output h_t = tanh(s_t) q" />
        <Box x={120} y={250} label="f" value={v.f} gate title="forget gate f" />
        <Box x={190} y={250} label="g" value={v.i} gate title="input gate g (the engine's i)" />
        <Box x={260} y={250} label="s̃" value={v.g} gate={false} title="candidate s~ = tanh(...) (the engine's g)" />
        <Box x={340} y={250} label="q" value={v.o} gate title="output gate q (the engine's o)" />
        <text x={2} y={284} className="cell-bus">
          x(t) = {symbol}
        </text>
        <text x={2} y={301} className="cell-bus">
          h(t−1) = {f3(v.hPrev)}
        </text>
      </svg>
    </figure>
  );
}
