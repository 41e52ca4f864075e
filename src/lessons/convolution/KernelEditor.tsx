import { useId, useMemo, useState } from 'react';
import { changeParams } from '../../ui/actions';
import { encodeWeights } from './codec';
import { correlate, type Geometry } from './conv';
import { PRESETS, PRESET_LABELS } from './kernels';
import { PixelGrid, absMax, signed } from './PixelGrid';

/** The kernel as editable numbers, its presets and size, and the feature map it makes of the image. */
export function KernelEditor({ image, kernel, g, preset, note }: { image: Float32Array; kernel: Float32Array; g: Geometry; preset: string; note: string | null }) {
  const id = useId();
  const S = useMemo(() => correlate(image, kernel, g), [image, kernel, g]);
  const out = Math.max(0, g.out);
  const scale = useMemo(() => absMax(S), [S]);
  return (
    <div className="kernel-editor">
      <div className="kernel-controls">
        <label htmlFor={`${id}-preset`}>Kernel K</label>
        <select id={`${id}-preset`} value={preset} onChange={(e) => changeParams({ kernel: e.target.value })}>
          {[...PRESETS, 'custom' as const].map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-size`}>size</label>
        <select id={`${id}-size`} value={String(g.k)} onChange={(e) => changeParams(preset === 'custom' ? { ksize: e.target.value, kernel: 'sobel' } : { ksize: e.target.value })}>
          <option value="3">3 × 3</option>
          <option value="5">5 × 5</option>
        </select>
      </div>
      <div className="kernel-row">
        <div className="kernel-grid" style={{ gridTemplateColumns: `repeat(${g.k}, 1fr)` }} role="group" aria-label="Kernel values">
          {Array.from(kernel, (v, i) => (
            <KernelCell key={`${g.k}-${i}-${v}`} value={v} index={i} k={g.k} kernel={kernel} />
          ))}
        </div>
        <figure className="chart feature">
          <figcaption>
            Feature map S = I ⋆ K ({out} × {out})
          </figcaption>
          {out ? <PixelGrid values={S} side={out} color={signed} scale={scale} label="Feature map: blue negative, orange positive" className="feature-map" /> : <p className="note">The kernel does not fit.</p>}
          <small className="muted">blue &lt; 0 &lt; orange, largest |S| = {scale.toFixed(2)}</small>
        </figure>
      </div>
      {note && (
        <p className="note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}

/** One kernel entry: typing a number makes the kernel custom; what is not a number is refused with a note. */
function KernelCell({ value, index, k, kernel }: { value: number; index: number; k: number; kernel: Float32Array }) {
  const [bad, setBad] = useState(false);
  const commit = (raw: string) => {
    const v = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(v) || Math.abs(v) > 99) {
      setBad(true);
      return;
    }
    setBad(false);
    if (v === value) return;
    const next = Float32Array.from(kernel);
    next[index] = v;
    changeParams({ kernel: 'custom', weights: encodeWeights(next) });
  };
  const m = Math.floor(index / k);
  const n = index % k;
  return (
    <input
      type="text"
      inputMode="decimal"
      aria-label={`K(${m},${n})`}
      aria-invalid={bad || undefined}
      title={bad ? 'A number from −99 to 99' : undefined}
      defaultValue={String(Math.round(value * 1000) / 1000)}
      onBlur={(e) => commit(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
      }}
    />
  );
}
