/** The gradient check: per-tensor relative error at the chosen ε, the worst parameter, and the error over a sweep of ε. */
import { LineChart } from '../../../ui/plots/LineChart';
import { LogBars } from '../../../ui/plots/LogBars';
import { useSampled } from '../../../ui/hooks';
import { useStore } from '../../../ui/store';
import { Covered } from '../../../ui/Covered';
import { CHECK_SIZES, CHECK_TENSORS, EPS_SWEEP, FLAG_AT, type GradCheckFrame } from '../types';
import { BUG_INFO, type Bug } from '../bugs';
import { CURVE_MS, selFrame, selMetrics } from './common';

/** A live number in a sentence keeps one width (e.g. "-1.234e-5"), so the sentence does not re-wrap and shift the page as it changes. */
const FIXED_NUM = { display: 'inline-block', minWidth: '10ch', fontVariantNumeric: 'tabular-nums' } as const;
const FIXED_NAME = { display: 'inline-block', minWidth: '9ch' } as const;

const sweepX = EPS_SWEEP.map((e) => Math.log10(e));

/** Row and column of element i of tensor t (a bias is one row). */
function elementName(t: number, i: number): string {
  const name = CHECK_TENSORS[t];
  if (t % 2 === 1) return `${name}[${i + 1}]`;
  const cols = CHECK_SIZES[t / 2 + 1];
  return `${name}[${Math.floor(i / cols) + 1},${(i % cols) + 1}]`;
}

export function CheckBars() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<GradCheckFrame> | null;
  const m = useSampled(selMetrics, CURVE_MS);
  const eps = useStore((s) => Number(s.params.eps));
  const rel = f?.rel ?? new Float32Array(CHECK_TENSORS.length);
  let worstT = 0;
  for (let t = 1; t < rel.length; t++) if (rel[t] > rel[worstT]) worstT = t;
  const w = f?.worst;
  const flagged = m.flagged_layer ?? 0;
  return (
    <div>
      <LogBars
        title={`Relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) of each tensor at ε = ${eps.toPrecision(2)} (a layer is flagged above ${FLAG_AT})`}
        values={Array.from(rel, (v) => Math.max(v, 1e-9))}
        labels={CHECK_TENSORS}
        domain={[1e-8, 1]}
        yLabel="relative error"
        highlight={rel[worstT] > FLAG_AT ? worstT : undefined}
      />
      <Covered>
        <p className="axis-note" data-check-verdict>
          {flagged > 0 ? (
            <>
              <strong>Layer {flagged} is flagged</strong> (the highest layer above {FLAG_AT}; errors below it may be inherited through back-propagation).{' '}
            </>
          ) : (
            <>No layer is flagged: every tensor is below {FLAG_AT}. </>
          )}
          {w && w.length === 4 && (
            <span style={{ display: 'block' }}>
              Worst parameter <span data-worst-param style={FIXED_NAME}>{elementName(w[0], w[1])}</span>: back-propagated <span style={FIXED_NUM}>{w[2].toExponential(3)}</span>, central difference <span style={FIXED_NUM}>{w[3].toExponential(3)}</span>.
            </span>
          )}
        </p>
      </Covered>
    </div>
  );
}

export function EpsSweep() {
  const f = useSampled(selFrame, CURVE_MS) as Partial<GradCheckFrame> | null;
  const eps = useStore((s) => Number(s.params.eps));
  const sweep = f?.sweep ? Array.from(f.sweep) : [];
  return (
    <LineChart
      title="Worst relative error against ε (float32): rounding on the left, truncation on the right"
      series={[{ name: 'worst tensor', x: sweep.length ? sweepX : [], y: sweep }]}
      markers={[{ x: Math.log10(eps), label: 'your ε' }]}
      xLabel="log₁₀ ε"
      yLabel="relative error"
      logY
      integerX={false}
      height={220}
    />
  );
}

export function BugNote() {
  const bug = useStore((s) => s.params.bug as Bug);
  if (!bug || bug === 'none') return <p className="axis-note">No bug planted: the backward rules are the engine’s own.</p>;
  return (
    <p className="axis-note" data-planted={BUG_INFO[bug].layer}>
      Planted: {BUG_INFO[bug].label}. Its forward pass is untouched, so the loss cannot tell.
    </p>
  );
}
