import { useEffect, useRef } from 'react';
import { diverging, sequential } from '../../ui/plots/colors';
import { QUANTITIES, type Quantity } from './labels';
import type { LstmFrame } from './types';

/** One [H, T] array as a canvas image (unit j in row j, step t in column t) with the cursor column and unit row outlined. */
function GateMap({ q, values, H, T, t, j, onPick }: { q: Quantity; values: Float32Array; H: number; T: number; t: number; j: number; onPick: (t: number, j: number) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const cv = ref.current;
    if (!cv || values.length < H * T) return;
    const ctx = cv.getContext('2d')!;
    const img = ctx.createImageData(T, H);
    const [lo, hi] = q.range;
    const color = lo === 0 ? sequential : diverging;
    for (let k = 0; k < H * T; k++) {
      const [r, g, b] = color((values[k] - lo) / (hi - lo));
      img.data.set([r, g, b, 255], 4 * k);
    }
    ctx.putImageData(img, 0, 0);
  }, [values, H, T, q]);
  return (
    <figure className="gate-map">
      <figcaption>
        {q.name} <var>{q.sym}</var>
      </figcaption>
      <div
        className="gate-map-box"
        style={{ aspectRatio: `${T} / ${H}` }}
        role="img"
        aria-label={`${q.name} of ${H} units over ${T} steps`}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          onPick(Math.floor(((e.clientX - r.left) / r.width) * T), Math.floor(((e.clientY - r.top) / r.height) * H));
        }}
      >
        <canvas ref={ref} width={T} height={H} />
        <svg viewBox={`0 0 ${T} ${H}`} preserveAspectRatio="none">
          <rect x={0} y={j} width={T} height={1} className="unit-row" />
          <rect x={t} y={0} width={1} height={H} className="step-col" />
        </svg>
      </div>
    </figure>
  );
}

/** Heat maps of every gate, the candidate, s_t and h_t of all units over the probe sequence. */
export function GateMaps({ frame, t, j, onPick }: { frame: Partial<LstmFrame> | null; t: number; j: number; onPick: (t: number, j: number) => void }) {
  const T = frame?.probe?.length ?? 0;
  const H = T && frame?.f ? frame.f.length / T : 0;
  if (!frame || !H) return <p className="axis-note">The heat maps appear with the first frame.</p>;
  return (
    <div className="gate-maps">
      <p className="axis-note">
        Rows: the {H} units; columns: steps 1..{T} of the sequence. Gates from 0 (dark) to 1 (light); s̃, s, h from −1 (blue) to +1 (orange). Click a cell to
        choose its unit and step.
      </p>
      <div className="gate-map-grid">
        {QUANTITIES.map((q) => {
          const v = frame[q.key];
          return v ? <GateMap key={q.key} q={q} values={v} H={H} T={T} t={t} j={j} onPick={onPick} /> : null;
        })}
      </div>
    </div>
  );
}
