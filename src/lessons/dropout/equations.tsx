import { Equation, fmt } from '../../ui/Equation';
import { useStore } from '../../ui/store';

/** The regularized objective of lecture 002 with the live penalty weights. */
export function Objective() {
  return (
    <Equation tex={String.raw`\mathcal{L}(\theta) = \lambda\,\Omega(\theta) + \frac{1}{N}\sum_{n=1}^{N} L\big(f(x_n;\theta), y_n\big),\qquad L = -y\log\sigma(z) - (1-y)\log\big(1-\sigma(z)\big)`} />
  );
}

/** L2 and L1 penalties, their gradients, and the (1 - eta lambda) shrink with the current eta and lambda. */
export function Penalties() {
  const lr = useStore((s) => Number(s.params.lr));
  const l2 = useStore((s) => Number(s.params.l2));
  const l1 = useStore((s) => Number(s.params.l1));
  const sgd = useStore((s) => s.params.optimizer === 'sgd');
  return (
    <>
      <Equation
        tex={String.raw`\begin{aligned} \text{L2: }\ & \Omega(\theta) = \tfrac12 \sum_{\ell} \|W^{(\ell)}\|_2^2,\quad \nabla_{W^{(\ell)}}\Omega = W^{(\ell)} \\ & W^{(\ell)} \leftarrow \underbrace{(1-\eta\lambda)}_{${fmt(1 - lr * l2, 5)}} W^{(\ell)} - \eta\,\nabla_{W^{(\ell)}} L \end{aligned}`}
      />
      <Equation
        tex={String.raw`\begin{aligned} \text{L1: }\ & \Omega(\theta) = \sum_{\ell}\sum_{ij} |W^{(\ell)}_{ij}|,\quad \nabla_{W^{(\ell)}}\Omega = \operatorname{sign}(W^{(\ell)}) \\ & W^{(\ell)} \leftarrow W^{(\ell)} - \eta\lambda_1 \operatorname{sign}(W^{(\ell)}) - \eta\,\nabla_{W^{(\ell)}} L,\quad \eta\lambda_1 = ${fmt(lr * l1, 3)} \end{aligned}`}
      />
      {!sgd && (
        <p className="axis-note">
          These two updates are those of plain SGD. With Adam (the default here) the penalty gradient is added to g before Adam rescales each coordinate, so the
          shrink is not exactly (1 − ηλ); pick Plain SGD with a learning rate near 0.3 to run the exact rule.
        </p>
      )}
    </>
  );
}

/** The dropout mask, the 1/(1-p) scaling and the kept fraction measured so far. */
export function DropoutMask() {
  const p = useStore((s) => Number(s.params.p));
  const kept = useStore((s) => s.metrics.kept_frac);
  return (
    <Equation
      tex={String.raw`\begin{aligned} & h^{(\ell)} = g\big(z^{(\ell)}\big) \odot m^{(\ell)},\quad m_i = \begin{cases} \frac{1}{1-p} = ${fmt(p < 1 ? 1 / (1 - p) : Infinity, 3)} & \text{prob. } 1-p = ${fmt(1 - p, 2)} \\ 0 & \text{prob. } p \end{cases} \\ & \mathbb{E}[m_i] = 1,\quad \text{fraction kept so far: } ${kept === undefined ? '\\text{--}' : fmt(kept, 4)} \end{aligned}`}
    />
  );
}

/** Early stopping's rule with the live best step. */
export function EarlyRule() {
  const m = useStore((s) => s.metrics);
  const patience = useStore((s) => Number(s.params.patience));
  return (
    <Equation
      tex={String.raw`t^\star = \arg\min_{s \le t} L_{\text{val}}(\theta_s) = ${m.best_step ?? 0},\quad L_{\text{val}}(\theta_{t^\star}) = ${fmt(m.best_val_loss, 4)},\quad \text{stop when } t - t^\star \ge ${patience},\ \text{then } \theta \leftarrow \theta_{t^\star}`}
    />
  );
}

/** The two test-time rules for a dropout network. */
export function TestRule() {
  return (
    <Equation
      tex={String.raw`\begin{aligned} \text{weight scaling: }\ & \hat p(x) = \sigma\big(f(x;\theta)\big) \\ \text{ensemble: }\ & \hat p(x) = \tfrac{1}{K}\textstyle\sum_{k=1}^{K} \sigma\big(f(x;\theta, m_k)\big) \end{aligned}`}
    />
  );
}
