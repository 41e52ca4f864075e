/** The product-of-Jacobians view: ||h_s|| and ||dL/dh_s|| against s, and h_t in the eigenbasis of W. */
import { Equation, fmt } from '../../ui/Equation';
import { Figure } from './figure';
import { CONTAIN, useSampled } from '../../ui/hooks';
import { LineChart } from '../../ui/plots/LineChart';
import { LogBars } from '../../ui/plots/LogBars';
import { useStore, type State } from '../../ui/store';
import { EqRow } from './EqRow';
import { useSampledFrame } from './hooks';
import { HORIZON, type JacobianFrame } from './types';

const frameOf = (f: Partial<JacobianFrame>) => f;
const metricsOf = (s: State) => s.metrics;

function Norms() {
  const f = useSampledFrame(frameOf);
  const rho = useStore((s) => Number(s.params.rho));
  const h = f?.hnorm;
  const g = f?.gnorm;
  if (!h || !g) return null;
  const s = Array.from(h, (_, i) => i);
  const t = h.length - 1;
  return (
    <LineChart
      title={`Norms along the chain at t = ${t} (log scale)`}
      series={[
        { name: '‖h_s‖ (forward)', x: s, y: Array.from(h) },
        { name: '‖∂L/∂h_s‖ (backward from h_t)', x: s, y: Array.from(g) },
        // the eigenvalue prediction for the forward norm, up to a constant: rho^s
        { name: 'ρ^s', x: s, y: s.map((k) => rho ** k), color: '#666', dashed: true },
      ]}
      xLabel={`s (0 … ${HORIZON})`}
      yLabel="norm"
      logY
      height={260}
    />
  );
}

function Eigenbasis() {
  const f = useSampledFrame(frameOf);
  const coef = f?.coef;
  const eig = f?.eig;
  if (!coef || !eig) return null;
  return (
    <LogBars
      title="h_t in the eigenbasis of W: |q_iᵀ h_t| (= |λ_i|^t |q_iᵀ h_0| in the linear chain), bars labelled by λ_i, λ_1 = ρ in vermillion (float32 rounding floor ≈ 10⁻⁷‖h_t‖)"
      values={coef}
      labels={eig.map((l, i) => (i % 3 === 0 ? l.toFixed(2) : ''))}
      domain={[1e-12, 1e12]}
      yLabel="|q_iᵀ h_t|"
      highlight={0}
    />
  );
}

export function JacobianFigures() {
  return (
    <div className="plots" style={CONTAIN}>
      <Figure id="norms"><Norms /></Figure>
      <Figure id="eigenbasis"><Eigenbasis /></Figure>
    </div>
  );
}

/** The chain's rule and its live values; ||(W^T)^t u|| only where it holds (the linear chain). */
export function JacobianEquations() {
  const m = useSampled(metricsOf);
  const rec = useStore((s) => s.params.recurrence);
  const t = m.t ?? 0;
  return (
    <Figure id="jacobian-equations">
      {rec === 'tanh' ? (
        <EqRow>
          <Equation tex={String.raw`h_t = \tanh(W h_{t-1})`} />
          <Equation tex={String.raw`\frac{\partial h_t}{\partial h_{t-1}} = D_t W,\quad D_t = \mathrm{diag}\big(1 - h_t^2\big)`} />
        </EqRow>
      ) : (
        <EqRow>
          <Equation tex={String.raw`W = Q \Lambda Q^{\top}`} />
          <Equation tex={String.raw`h_t = W h_{t-1} = W^t h_0 = Q\,\Lambda^t Q^{\top} h_0`} />
        </EqRow>
      )}
      <EqRow>
        <Equation tex={String.raw`\rho^t = ${fmt(m.rho, 2)}^{${t}} = ${fmt(m.rho_t, 3)}`} />
        <Equation tex={String.raw`\lVert h_t \rVert = ${fmt(m.h_norm, 3)}`} />
        <Equation tex={String.raw`\Big\lVert \frac{\partial (u^\top h_t)}{\partial h_0} \Big\rVert = ${fmt(m.grad_norm, 3)}`} />
        {/* the closed form (W^T)^t u holds only for the linear chain; tanh puts a D_s between the factors */}
        {rec === 'tanh' ? (
          <Equation tex={String.raw`\frac{\partial (u^\top h_t)}{\partial h_0} = W^{\top} D_1 \cdots W^{\top} D_t\, u`} />
        ) : (
          <Equation tex={String.raw`\frac{\partial (u^\top h_t)}{\partial h_0} = (W^{\top})^t u`} />
        )}
      </EqRow>
      <p className="axis-note">
        W is built symmetric here (W = QΛQᵀ with Q orthogonal), so its singular values equal the |λ_i| and ‖W^t‖ = ρ^t exactly. For a general W
        the eigenvalues still decide W^t in the long run, but the norms can grow for a while before they shrink.
      </p>
    </Figure>
  );
}
