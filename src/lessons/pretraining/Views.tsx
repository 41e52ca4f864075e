/** Fine-tuning curves, the before/after read-out table and the 2-D code scatter. */
import { useEffect, useRef } from 'react';
import { formatMetric } from '../../ui/controls/Readout';
import { LineChart } from '../../ui/plots/LineChart';
import { palette } from '../../ui/plots/colors';
import { useFrame } from '../../ui/hooks';
import { useStore } from '../../ui/store';
import { thin } from '../../ui/thin';
import { METHOD_IDS, METHOD_LABELS, type PretrainingFrame } from './types';

const COLORS = [palette[5], palette[0], palette[2], palette[3]];

export function FineCurves() {
  const f0 = useFrame((fr: Partial<PretrainingFrame>) => fr.fine0);
  const f1 = useFrame((fr: Partial<PretrainingFrame>) => fr.fine1);
  const f2 = useFrame((fr: Partial<PretrainingFrame>) => fr.fine2);
  const f3 = useFrame((fr: Partial<PretrainingFrame>) => fr.fine3);
  const series = [f0, f1, f2, f3].map((v, i) => {
    const x: number[] = [];
    const y: number[] = [];
    if (v) for (let k = 0; k + 1 < v.length; k += 2) (x.push(v[k]), y.push(v[k + 1]));
    const [tx, ty] = thin(x, y);
    return { name: METHOD_LABELS[i], color: COLORS[i], x: tx, y: ty };
  });
  return <LineChart title="Fine-tuning: training loss (cross-entropy) of each method; a curve starts when its run reaches fine-tuning" series={series} xLabel="fine-tuning minibatch" yLabel="loss (log scale)" logY height={200} />;
}

export function ReadoutTable() {
  const m = useStore((s) => s.metrics);
  const pct = (v: number | undefined) => (v === undefined ? '…' : `${(100 * v).toFixed(1)}%`);
  return (
    <table className="errors readout-table">
      <caption>Test error of a soft-max read-out of the frozen features (before fine-tuning) and after fine-tuning every layer — this run</caption>
      <thead>
        <tr>
          <th scope="col">Features</th>
          <th scope="col">Read-out only</th>
          <th scope="col">After fine-tuning</th>
        </tr>
      </thead>
      <tbody>
        {METHOD_IDS.map((id, i) => (
          <tr key={id}>
            <th scope="row">{i === 0 ? 'Deep net, random (no pretraining)' : i === 3 ? 'Shallow net, random (no pretraining)' : METHOD_LABELS[i]}</th>
            <td data-metric={`readout_error_${id}`}>{formatMetric(m[`readout_error_${id}`])}</td>
            <td>{pct(m[`test_error_${id}`])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Ten class colours: the Okabe-Ito eight and two more that stay apart from them. */
const CLASS_COLORS = [...palette, '#882255', '#999999'];

export function CodePlot() {
  const codes = useFrame((f: Partial<PretrainingFrame>) => f.codes);
  const labels = useFrame((f: Partial<PretrainingFrame>) => f.codeLabels);
  const view = useStore((s) => s.params.view);
  const ref = useRef<HTMLCanvasElement>(null);
  const S = 360;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, S, S);
    if (!codes || !labels || codes.length < 2) return;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < codes.length; i += 2) {
      x0 = Math.min(x0, codes[i]); x1 = Math.max(x1, codes[i]);
      y0 = Math.min(y0, codes[i + 1]); y1 = Math.max(y1, codes[i + 1]);
    }
    const sx = (S - 20) / Math.max(x1 - x0, 1e-6);
    const sy = (S - 20) / Math.max(y1 - y0, 1e-6);
    ctx.font = '11px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < labels.length; i++) {
      ctx.fillStyle = CLASS_COLORS[labels[i]];
      ctx.fillText(String(labels[i]), 10 + (codes[2 * i] - x0) * sx, S - 10 - (codes[2 * i + 1] - y0) * sy);
    }
  }, [codes, labels]);
  if (view !== 'code') return <p className="note">Choose the experiment “2-D code of a deep auto-encoder” to train it.</p>;
  return (
    <figure className="chart code-plot">
      <figcaption>Codes (z₁, z₂) of {labels?.length ?? 0} test digits, each drawn as its class in its class colour (labels are not used in training)</figcaption>
      <canvas ref={ref} width={S} height={S} role="img" aria-label="2-D codes of test digits coloured by class" data-points={labels?.length ?? 0} />
    </figure>
  );
}
