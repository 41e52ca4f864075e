/** The deep-MLP view: per-layer activation histograms, gradient norms per layer over training, loss. */
import { Equation, fmt } from '../../ui/Equation';
import { LayerHistograms } from '../../ui/plots/LayerHistograms';
import { LineChart } from '../../ui/plots/LineChart';
import { LogBars } from '../../ui/plots/LogBars';
import { useStore } from '../../ui/store';
import { BINS, SATURATION } from './deepNet';
import { EqRow } from './EqRow';
import { CONTAIN, thin, useSampled } from './sampled';
import type { ActName } from './params';

/** Colour of layer l of L: Okabe-Ito blue (bottom) to orange (top), so depth reads as hue. */
export function layerColor(l: number, L: number): string {
  const t = L > 1 ? l / (L - 1) : 0;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(0, 230)}, ${mix(114, 159)}, ${mix(178, 0)})`;
}

/** The saturated intervals of the value axis for an activation (relu: the zero bin). */
function zonesFor(act: ActName, range: [number, number]): [number, number][] {
  if (act === 'relu') return [[range[0], range[0] + (range[1] - range[0]) / BINS]];
  const s = SATURATION[act];
  return [
    [s.lo, s.center - s.threshold],
    [s.center + s.threshold, s.hi],
  ];
}

function Histograms() {
  const f = useSampled((s) => s.frame);
  const act = useStore((s) => s.params.activation as ActName);
  const hist = f?.hist as Float32Array | undefined;
  const range = f?.range as number[] | undefined;
  if (!hist || !range || hist.length % BINS !== 0) return null;
  const r: [number, number] = [range[0], range[1]];
  const what = act === 'relu' ? 'inactive (zero) units' : 'units near the flat ends';
  return (
    <LayerHistograms
      title={`Activations of each hidden layer over the training set; shaded: ${what}`}
      hist={hist}
      layers={hist.length / BINS}
      bins={BINS}
      range={r}
      zones={zonesFor(act, r)}
      saturated={f?.sat as Float32Array | undefined}
      what={`${act} activations`}
      satLabel={act === 'relu' ? 'off' : 'saturated'}
    />
  );
}

function GradientsOverTime() {
  const h = useSampled((s) => s.history);
  const depth = useStore((s) => Number(s.params.depth));
  const L = depth + 1;
  const series = Array.from({ length: L }, (_, i) => {
    const [x, y] = thin(h.step, h.values[`grad_${i + 1}`] ?? []);
    return { name: i === L - 1 ? `W${i + 1} (output)` : `W${i + 1}`, x, y, color: layerColor(i, L), dashed: i === L - 1 };
  });
  return <LineChart title="‖∂L/∂W_l‖ for each layer over training (log scale)" series={series} xLabel="step" yLabel="gradient norm" logY height={260} />;
}

function GradientsNow() {
  const g = useSampled((s) => s.frame?.gnorm as Float32Array | undefined);
  if (!g) return null;
  const labels = Array.from(g, (_, i) => `W${i + 1}`);
  return <LogBars title="‖∂L/∂W_l‖ at the last step, bottom to top" values={g} labels={labels} domain={[1e-8, 10]} yLabel="gradient norm" />;
}

function LossCurve() {
  const h = useSampled((s) => s.history);
  const [x, loss] = thin(h.step, h.values.loss ?? []);
  const [, acc] = thin(h.step, h.values.accuracy ?? []);
  return (
    <LineChart
      title="Loss (cross-entropy) and accuracy on the whole training set"
      series={[
        { name: 'loss', x, y: loss },
        { name: 'accuracy', x, y: acc, color: '#009E73' },
      ]}
      xLabel="step"
      yLabel="loss, accuracy"
    />
  );
}

/** The init rule in use, with its live range or standard deviation for a hidden layer. */
function InitEquation() {
  const init = useStore((s) => s.params.init);
  const n = useStore((s) => Number(s.params.width));
  const c = useStore((s) => Number(s.params.scale));
  // live values for the hidden-to-hidden layers, where n_i = n_{i+1} = width (times the init scale c)
  const here = String.raw`\text{here } n_i = n_{i+1} = ${n},\ c = ${fmt(c, 2)}:\ `;
  if (init === 'glorot')
    return (
      <>
        <EqRow>
          <Equation tex={String.raw`\mathrm{Var}[W^i] = \frac{2}{n_i + n_{i+1}}`} />
          <Equation tex={String.raw`W^i \sim U\!\left[-\frac{\sqrt6}{\sqrt{n_i + n_{i+1}}}, \frac{\sqrt6}{\sqrt{n_i + n_{i+1}}}\right]`} />
        </EqRow>
        <Equation tex={String.raw`${here} c\,W^i \sim U[\pm ${fmt((c * Math.sqrt(6)) / Math.sqrt(2 * n), 3)}],\ n_i \mathrm{Var} = ${fmt(c * c, 3)}`} />
      </>
    );
  if (init === 'he')
    return (
      <>
        <Equation tex={String.raw`W^i \sim \mathcal N\!\left(0, \frac{2}{n_i}\right)`} />
        <Equation tex={String.raw`${here} \sigma = ${fmt((c * Math.sqrt(2)) / Math.sqrt(n), 3)},\ n_i \mathrm{Var} = ${fmt(2 * c * c, 3)}`} />
      </>
    );
  return (
    <>
      <Equation tex={String.raw`W^i \sim U\!\left[-\frac{1}{\sqrt{n_i}}, \frac{1}{\sqrt{n_i}}\right] \ \Rightarrow\ n_i\,\mathrm{Var}[W^i] = \tfrac13`} />
      <Equation tex={String.raw`${here} c\,W^i \sim U[\pm ${fmt(c / Math.sqrt(n), 3)}],\ n_i \mathrm{Var} = ${fmt((c * c) / 3, 3)}`} />
    </>
  );
}

/** The largest slope of each activation: what one layer's Jacobian can at most pass on. */
const SLOPE: Record<ActName, string> = {
  sigmoid: String.raw`\sigma'(a) = \sigma(a)\big(1-\sigma(a)\big) \le \tfrac14`,
  tanh: String.raw`\tanh'(a) = 1 - \tanh^2(a) \le 1`,
  relu: String.raw`\mathrm{relu}'(a) \in \{0, 1\}`,
};

export function MlpView() {
  const act = useStore((s) => s.params.activation as ActName);
  return (
    <>
      <Equation tex={String.raw`\frac{\partial L}{\partial h_1} = \frac{\partial L}{\partial h_L}\,\frac{\partial h_L}{\partial h_{L-1}} \cdots \frac{\partial h_2}{\partial h_1}`} />
      <EqRow>
        <Equation tex={String.raw`\frac{\partial h_k}{\partial h_{k-1}} = \mathrm{diag}\big(g'(a_k)\big)\, W_k^{\top}`} />
        <Equation tex={SLOPE[act]} />
      </EqRow>
      <InitEquation />
      <Equation tex={String.raw`\text{grad ratio} = \frac{\lVert \partial L/\partial W_1 \rVert}{\lVert \partial L/\partial W_L \rVert}`} />
      <div className="plots" style={CONTAIN}>
        <GradientsOverTime />
        <Histograms />
        <GradientsNow />
        <LossCurve />
      </div>
    </>
  );
}
