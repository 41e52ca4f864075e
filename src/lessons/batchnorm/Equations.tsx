/** Batch normalization's transform (Ioffe & Szegedy 2015, Algorithm 1) with one unit's live statistics, and the test-time rule. */
import { Equation } from '../../ui/Equation';
import { LiveEquation, plainNumber } from '../../ui/LiveEquation';
import { useResultsHidden } from '../../ui/reveal';
import { useStore, type State } from '../../ui/store';

const ROW = { display: 'flex', flexWrap: 'wrap', justifyContent: 'center', alignItems: 'center', columnGap: '2.5rem', maxWidth: '100%' } as const;

/** The slots' values; NaN ("?") while results are hidden. */
function reader(keys: Record<string, string>, hidden: boolean) {
  return (s: State) => Object.fromEntries(Object.entries(keys).map(([slot, metric]) => [slot, hidden ? NaN : (s.metrics[metric] ?? NaN)]));
}

export function BnEquations() {
  const hidden = useResultsHidden();
  const unit = useStore((s) => Number(s.params.unit));
  const layer = useStore((s) => Math.min(Number(s.params.layer), Number(s.params.depth)));
  const batch = useStore((s) => Number(s.params.batch));
  return (
    <>
      <div style={ROW}>
        <Equation tex={String.raw`\mu_B = \frac{1}{m}\sum_{i=1}^{m} u_i`} />
        <Equation tex={String.raw`\sigma_B^2 = \frac{1}{m}\sum_{i=1}^{m} (u_i - \mu_B)^2`} />
        <Equation tex={String.raw`\hat u_i = \frac{u_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}`} />
        <Equation tex={String.raw`y_i = \gamma\,\hat u_i + \beta`} />
      </div>
      <p className="axis-note" data-setup>
        Per unit, over the m = {batch} digits of the mini-batch; ε = 10⁻⁵. γ and β are learned with the weights. Unit {unit} of layer {layer}, at the last training batch:
      </p>
      <LiveEquation
        tex={[String.raw`\mu_B = \slot{mu}`, String.raw`\sigma_B^2 = \slot{var}`, String.raw`\gamma = \slot{gamma}`, String.raw`\beta = \slot{beta}`]}
        read={reader({ mu: 'mu_B', var: 'var_B', gamma: 'gamma', beta: 'beta' }, hidden)}
        format={plainNumber}
        id="unit-stats"
      />
    </>
  );
}

export function ModeEquations() {
  const hidden = useResultsHidden();
  const m = useStore((s) => Number(s.params.momentum));
  return (
    <>
      <div style={ROW}>
        <Equation tex={String.raw`\text{training: } \hat u = \frac{u - \mu_B}{\sqrt{\sigma_B^2+\epsilon}}`} />
        <Equation tex={String.raw`\mu \leftarrow ${m}\,\mu + ${Number((1 - m).toFixed(3))}\,\mu_B,\quad \sigma^2 \leftarrow ${m}\,\sigma^2 + ${Number((1 - m).toFixed(3))}\,\sigma_B^2`} />
        <Equation tex={String.raw`\text{test: } \hat u = \frac{u - \mu}{\sqrt{\sigma^2+\epsilon}}`} />
      </div>
      <p className="axis-note">Layer 1, unit 1: running averages (start μ = 0, σ² = 1) and the last batch’s statistics.</p>
      <LiveEquation
        tex={[String.raw`\mu = \slot{rm}`, String.raw`\mu_B = \slot{mu}`, String.raw`\sigma^2 = \slot{rv}`, String.raw`\sigma_B^2 = \slot{var}`]}
        read={reader({ rm: 'running_mean', mu: 'mu_B', rv: 'running_var', var: 'var_B' }, hidden)}
        format={plainNumber}
        id="running"
      />
    </>
  );
}
