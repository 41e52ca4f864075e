/** The lesson's equations: the objective, the penalties' updates, the dropout mask, early stopping and the test-time rules. */
import { Equation, fmt } from '../../ui/Equation';
import { LiveEquation } from '../../ui/LiveEquation';
import { useStore, type State } from '../../ui/store';

/** The regularized objective of Martins, Zerva & Figueiredo, Neural Networks II, with the loss the data set uses. */
export function Objective() {
  const digits = useStore((s) => s.params.dataset === 'digits');
  const loss = digits ? String.raw`L = -\sum_{k} y_k \log \operatorname{softmax}(z)_k` : String.raw`L = -y\log\sigma(z) - (1-y)\log\big(1-\sigma(z)\big)`;
  return <Equation tex={String.raw`\mathcal{L}(\theta) = \lambda\,\Omega(\theta) + \frac{1}{N}\sum_{n=1}^{N} L\big(f(x_n;\theta), y_n\big),\qquad ${loss}`} />;
}

/** L2's update (the (1 - eta lambda) shrink, exact under plain SGD) and L1's proximal step, with the current eta and lambdas. */
export function Penalties() {
  const lr = useStore((s) => Number(s.params.lr));
  const l2 = useStore((s) => Number(s.params.l2));
  const l1 = useStore((s) => Number(s.params.l1));
  const sgd = useStore((s) => s.params.optimizer === 'sgd');
  return (
    <>
      <Equation
        tex={String.raw`\begin{aligned} \text{L2: }\ & \Omega(\theta) = \tfrac12 \sum_{\ell} \|W^{(\ell)}\|_2^2,\ \ \nabla_{W^{(\ell)}}\Omega = W^{(\ell)} \\ & W^{(\ell)} \leftarrow \underbrace{(1-\eta\lambda)}_{${fmt(1 - lr * l2, 5)}} W^{(\ell)} - \eta\,\nabla_{W^{(\ell)}} L \end{aligned}`}
      />
      <Equation
        tex={String.raw`\begin{aligned} \text{L1: }\ & \Omega(\theta) = \sum_{\ell}\sum_{ij} |W^{(\ell)}_{ij}| \\ & W^{(\ell)} \leftarrow S_{\eta\lambda_1}\big(W^{(\ell)} - \eta\,\nabla_{W^{(\ell)}} L\big),\ \ \eta\lambda_1 = ${fmt(lr * l1, 3)} \\ & S_\tau(w) = \operatorname{sign}(w)\max(|w| - \tau,\ 0) \end{aligned}`}
      />
      <p className="axis-note">
        L1 is applied by its proximal step, the soft threshold S: a weight whose loss gradient is weaker than λ₁ lands on exactly 0 and stays there. The
        subgradient step W − ηλ₁ sign(W) would instead flip such a weight across 0 by ηλ₁ every step.
        {sgd
          ? ' Both updates here are exactly the ones the code runs (plain SGD).'
          : ' These are the plain-SGD forms. With Adam (chosen now) λW is added to g before Adam rescales each coordinate, so L2 is not the (1 − ηλ) shrink, and S follows Adam’s step; pick Plain SGD with a learning rate near 0.3 to run the exact rules.'}
      </p>
    </>
  );
}

const readKept = (s: State) => ({ kept: s.metrics.kept_frac ?? NaN });

/** The dropout mask, the 1/(1-p) scaling and the kept fraction measured so far (a live slot, not a re-typeset). */
export function DropoutMask() {
  const p = useStore((s) => Number(s.params.p));
  return (
    <>
      <Equation
        tex={String.raw`h^{(\ell)} = g\big(z^{(\ell)}\big) \odot m^{(\ell)},\quad m_i = \begin{cases} \frac{1}{1-p} = ${fmt(p < 1 ? 1 / (1 - p) : Infinity, 3)} & \text{prob. } 1-p = ${fmt(1 - p, 2)} \\ 0 & \text{prob. } p \end{cases},\quad \mathbb{E}[m_i] = 1`}
      />
      <LiveEquation tex={String.raw`\text{fraction of hidden units kept so far: } \slot{kept}`} read={readKept} format={(v) => (Number.isFinite(v) ? v.toFixed(4) : '–')} id="kept" />
    </>
  );
}

const readBest = (s: State) => ({ best: s.metrics.best_step ?? 0, loss: s.metrics.best_val_loss ?? NaN });

/** Early stopping's rule with the live best step. */
export function EarlyRule() {
  const patience = useStore((s) => Number(s.params.patience));
  return (
    <>
      <Equation tex={String.raw`t^\star = \arg\min_{s \le t} L_{\text{val}}(\theta_s),\quad \text{stop when } t - t^\star \ge ${patience},\ \text{then } \theta \leftarrow \theta_{t^\star}`} />
      <LiveEquation tex={[String.raw`t^\star = \slot{best}`, String.raw`L_{\text{val}}(\theta_{t^\star}) = \slot{loss}`]} read={readBest} format={(v) => (Number.isInteger(v) ? String(v) : v.toFixed(4))} id="early" />
    </>
  );
}

/** The two test-time rules for a dropout network, and the one loss both are scored with. */
export function TestRule() {
  return (
    <Equation
      tex={String.raw`\begin{aligned} \text{weight scaling: }\ & \hat p(x) = p\big(x;\theta\big) \\ \text{sampled: }\ & \hat p(x) = \tfrac{1}{K}\textstyle\sum_{k=1}^{K} p\big(x;\theta, m_k\big) \\ \text{loss of both: }\ & -\tfrac1N \textstyle\sum_n \log \hat p_{y_n}(x_n),\ \hat p \ge 10^{-7} \end{aligned}`}
    />
  );
}
