/** The deep-MLP view: per-layer gradients (back-propagated and of the weights), activation histograms, loss. */
import { Equation, fmt } from '../../ui/Equation';
import { Figure } from './figure';
import { CONTAIN, useSampled } from '../../ui/hooks';
import { LayerHistograms } from '../../ui/plots/LayerHistograms';
import { layerColor } from '../../ui/plots/colors';
import { LineChart } from '../../ui/plots/LineChart';
import { ScaleLegend } from '../../ui/plots/ScaleLegend';
import { useStore, type State } from '../../ui/store';
import { thin } from '../../ui/thin';
import { EqRow } from './EqRow';
import { useSampledFrame } from './hooks';
import { BINS, SATURATION, type ActName, type MlpFrame } from './types';

const frameOf = (f: Partial<MlpFrame>) => f;
const historyOf = (s: State) => s.history;
/** The log axes stop at 1e-12 (the kit's floor): smaller norms are drawn there, so a dead gradient still shows as a line. */
const FLOOR = 1e-12;
const floored = (v: ArrayLike<number>) => Array.from(v, (x) => Math.max(x, FLOOR));


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
  const f = useSampledFrame(frameOf);
  const act = useStore((s) => s.params.activation as ActName);
  const depth = useStore((s) => Number(s.params.depth));
  const ready = f?.hist && f.range && f.hist.length % BINS === 0;
  // before the first frame: empty histograms of the same size, so the page does not jump when it arrives
  const hist = ready ? f.hist! : new Float32Array(depth * BINS);
  const range = ready ? f.range! : [SATURATION[act].lo, SATURATION[act].hi];
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
      saturated={ready ? f?.sat : undefined}
      what={`${act} activations`}
      satLabel={act === 'relu' ? 'off' : 'saturated'}
    />
  );
}

function GradientsOverTime() {
  const h = useSampled(historyOf);
  const depth = useStore((s) => Number(s.params.depth));
  const L = depth + 1;
  const series = Array.from({ length: L }, (_, i) => {
    const [x, y] = thin(h.step, h.values[`grad_${i + 1}`] ?? [], 150);
    return { name: i === L - 1 ? `W${i + 1} (output)` : `W${i + 1}`, x, y: floored(y), color: layerColor(i, L), dashed: i === L - 1 };
  });
  // one sequential scale with named ends: at depth 10 eleven near-identical hues in a legend could not be told apart
  const legend = <ScaleLegend from="W1 (input)" to={`W${L} (output, dashed)`} />;
  return (
    <LineChart
      title="‖∂L/∂W_l‖ for each layer over training (log scale; below 10⁻¹² drawn at 10⁻¹²)"
      series={series}
      xLabel="step"
      yLabel="gradient norm"
      logY
      height={260}
      legend={legend}
    />
  );
}

/** Both gradients per layer at the last step: the back-propagated ‖∂L/∂a_l‖ (Glorot's analysis) and the weights' ‖∂L/∂W_l‖. */
function GradientsByLayer() {
  const f = useSampledFrame(frameOf);
  const depth = useStore((s) => Number(s.params.depth));
  // before the first frame: the same chart, empty, so the page does not jump when it arrives
  const g = f?.gnorm ?? [];
  const a = f?.anorm ?? [];
  const x = Array.from(g, (_, i) => i + 1);
  return (
    <LineChart
      title={`Gradients per layer at the last step, bottom (1) to output (${depth + 1}); log scale, below 10⁻¹² drawn at 10⁻¹²`}
      series={[
        { name: '‖∂L/∂a_l‖ (back-propagated)', x, y: floored(a), color: '#D55E00' },
        { name: '‖∂L/∂W_l‖ (weights)', x, y: floored(g), color: '#0072B2' },
      ]}
      xLabel="layer l"
      yLabel="gradient norm"
      logY
      height={240}
    />
  );
}

function LossCurve() {
  const h = useSampled(historyOf);
  const [x, loss] = thin(h.step, h.values.loss ?? [], 150);
  const [, acc] = thin(h.step, h.values.accuracy ?? [], 150);
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
  // live values for the hidden-to-hidden layers, where n_i = n_{i+1} = width (times the init scale c); two pieces so they wrap on a phone
  const here = <Equation tex={String.raw`\text{here } n_i = n_{i+1} = ${n},\ c = ${fmt(c, 2)}:`} />;
  if (init === 'glorot')
    return (
      <>
        <EqRow>
          <Equation tex={String.raw`\mathrm{Var}[W^i] = \frac{2}{n_i + n_{i+1}}`} />
          <Equation tex={String.raw`W^i \sim U\!\left[-\frac{\sqrt6}{\sqrt{n_i + n_{i+1}}}, \frac{\sqrt6}{\sqrt{n_i + n_{i+1}}}\right]`} />
        </EqRow>
        <EqRow>
          {here}
          <Equation tex={String.raw`c\,W^i \sim U[\pm ${fmt((c * Math.sqrt(6)) / Math.sqrt(2 * n), 3)}],\ n_i \mathrm{Var} = ${fmt(c * c, 3)}`} />
        </EqRow>
      </>
    );
  if (init === 'he')
    return (
      <>
        <Equation tex={String.raw`W^i \sim \mathcal N\!\left(0, \frac{2}{n_i}\right)`} />
        <EqRow>
          {here}
          <Equation tex={String.raw`\sigma = ${fmt((c * Math.sqrt(2)) / Math.sqrt(n), 3)},\ n_i \mathrm{Var} = ${fmt(2 * c * c, 3)}`} />
        </EqRow>
      </>
    );
  return (
    <>
      <EqRow>
        <Equation tex={String.raw`W^i \sim U\!\left[-\frac{1}{\sqrt{n_i}}, \frac{1}{\sqrt{n_i}}\right]`} />
        <Equation tex={String.raw`\Rightarrow\ n_i\,\mathrm{Var}[W^i] = \tfrac13`} />
      </EqRow>
      <EqRow>
        {here}
        <Equation tex={String.raw`c\,W^i \sim U[\pm ${fmt(c / Math.sqrt(n), 3)}],\ n_i \mathrm{Var} = ${fmt((c * c) / 3, 3)}`} />
      </EqRow>
    </>
  );
}

/** The largest slope of each activation: what one layer's Jacobian can at most pass on. */
const SLOPE: Record<ActName, string> = {
  sigmoid: String.raw`\sigma'(a) = \sigma(a)\big(1-\sigma(a)\big) \le \tfrac14`,
  tanh: String.raw`\tanh'(a) = 1 - \tanh^2(a) \le 1`,
  relu: String.raw`\mathrm{relu}'(a) \in \{0, 1\}`,
};

/** The view's figures, main one first in the scene's show list. */
export function MlpFigures() {
  return (
    <div className="plots" style={CONTAIN}>
      <Figure id="backprop"><GradientsByLayer /></Figure>
      <Figure id="grads-time"><GradientsOverTime /></Figure>
      <Figure id="histograms"><Histograms /></Figure>
      <Figure id="loss"><LossCurve /></Figure>
    </div>
  );
}

/** The rules behind the figures: the chain of Jacobians, the activation's slope, the init in use. */
export function MlpEquations() {
  const act = useStore((s) => s.params.activation as ActName);
  return (
    <Figure id="mlp-equations">
      <EqRow>
        <Equation tex={String.raw`a_l = W_l h_{l-1} + b_l,\quad h_l = g(a_l)`} />
        <Equation tex={String.raw`\frac{\partial L}{\partial a_{l}} = \mathrm{diag}\big(g'(a_{l})\big)\, W_{l+1}^{\top}\, \frac{\partial L}{\partial a_{l+1}}`} />
        <Equation tex={String.raw`\frac{\partial L}{\partial W_l} = \frac{\partial L}{\partial a_l}\, h_{l-1}^{\top}`} />
      </EqRow>
      <Equation tex={SLOPE[act]} />
      {/* numbers from the settings (the init range), not from the run: readable while results are hidden */}
      <div data-setup>
        <InitEquation />
      </div>
      <EqRow>
        <Equation tex={String.raw`\text{grad ratio} = \frac{\lVert \partial L/\partial W_1 \rVert}{\lVert \partial L/\partial W_L \rVert}`} />
        <Equation tex={String.raw`\text{delta ratio} = \frac{\lVert \partial L/\partial a_1 \rVert}{\lVert \partial L/\partial a_L \rVert}`} />
      </EqRow>
    </Figure>
  );
}
