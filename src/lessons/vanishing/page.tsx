import { Equation } from '../../ui/Equation';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useStore } from '../../ui/store';
import { CONTAIN } from '../../ui/hooks';
import type { LessonPageProps } from '../../ui/lesson';
import { CliffEquations, CliffFigures } from './CliffView';
import { JacobianEquations, JacobianFigures } from './JacobianView';
import { MlpEquations, MlpFigures } from './MlpView';
import type { View } from './types';

const NAMES: Record<View, string[]> = {
  mlp: ['loss', 'accuracy', 'grad_ratio', 'delta_ratio', 'grad_bottom', 'grad_top', 'saturation', 'sat_top'],
  jacobian: ['t', 'h_norm', 'grad_norm', 'rho_t'],
  cliff: ['loss_start', 'loss_plain', 'loss_clipped', 'x_plain', 'x_clipped', 'step_plain', 'step_clipped', 'max_step_plain', 'max_step_clipped', 'bound', 'grad_norm'],
};

const LABELS: Record<string, string> = {
  grad_ratio: 'grad ratio ‖∇W₁‖/‖∇W_L‖',
  delta_ratio: 'delta ratio ‖∂L/∂a₁‖/‖∂L/∂a_L‖',
  loss_start: 'loss at the start',
  grad_bottom: '‖∇W₁‖',
  grad_top: '‖∇W_L‖',
  saturation: 'saturated (all layers)',
  sat_top: 'saturated (top layer)',
  h_norm: '‖h_t‖',
  grad_norm: '‖g‖',
  rho_t: 'ρ^t',
  bound: 'bound η r',
};

function MlpProse() {
  return (
    <>
      <p>
        Back-propagation multiplies one Jacobian per layer on the way down. Each factor holds the slope of the activation and a weight matrix, so the
        gradient that reaches the bottom layer is a product of many numbers: when they are below 1 it shrinks geometrically, when they are above 1 it grows.
        A sigmoid’s slope is at most ¼, so a deep sigmoid net with small weights hands its first layer almost nothing to learn from.
      </p>
      <p>
        Units whose input is large sit on the flat ends of the sigmoid or tanh, where the slope is close to zero: they are <em>saturated</em>, and gradient
        barely passes through them. The histograms shade those ends; the readout counts the fraction of units there. For ReLU the shaded bin is the units
        that output zero and pass no gradient at all.
      </p>
      <p>
        Saturation is not the same as vanishing. A saturated unit passes almost nothing back through itself, but larger weights also multiply what the
        other units pass on: what counts is the product of slope and weight. That is why Glorot and Bengio’s rule asks for 4× larger weights for sigmoid
        units than for tanh (Bengio, Practical recommendations for gradient-based training, 2012): a sigmoid’s slope is at most ¼. Saturation stops learning when nearly every unit sits on a flat end, as in
        the “Saturated units” scene.
      </p>
      <p>
        Glorot and Bengio (2010) asked that activations and back-propagated gradients keep the same variance from layer to layer. Forward propagation wants
        <Equation display={false} tex={String.raw`\ n_i \mathrm{Var}[W^i] = 1`} />, backward propagation wants
        <Equation display={false} tex={String.raw`\ n_{i+1} \mathrm{Var}[W^i] = 1`} />; their compromise is the normalized initialization below. The naive
        rule gives <Equation display={false} tex={String.raw`n_i\mathrm{Var}[W^i] = \tfrac13`} />, which shrinks the signal in both directions. Try the
        init-scale slider, the depth slider and the three activations. Their analysis is about the back-propagated gradient ‖∂L/∂a_l‖ (vermillion in the
        per-layer chart); the weights’ gradient ‖∂L/∂W_l‖ = ‖∂L/∂a_l h_(l−1)ᵀ‖ also carries the size of the layer’s input, which can hide the shrinking.
      </p>
    </>
  );
}

function JacobianProse() {
  return (
    <p>
      Take the simplest deep computation: multiply by the same matrix W again and again, as a recurrent network does at every time step. If
      <Equation display={false} tex={String.raw`\ W = Q\Lambda Q^{\top}`} /> then <Equation display={false} tex={String.raw`W^t = Q\Lambda^t Q^{\top}`} />:
      each eigenvalue is raised to the power t. Components along eigenvalues with |λ| &lt; 1 decay to zero and those with |λ| &gt; 1 explode; the largest
      |λ|, the spectral radius ρ, wins. The gradient flowing back through the chain is multiplied by Wᵀ at each step, so it vanishes or explodes in the
      same way. A saturating tanh keeps the forward state bounded, but each backward factor then carries a diag(1 − h²) as well, so the gradient is no
      longer (Wᵀ)^t u; its slope only shrinks the backward product further.
    </p>
  );
}

function CliffProse() {
  return (
    <p>
      Products of many large weights also make cliffs: regions where the loss rises steeply over a short distance. There the gradient is huge, and a
      plain gradient step built for the gentle parts of the surface throws the parameters far away, possibly undoing most of the work done so far
      (Goodfellow et al., fig. 8.3 and 10.17; Pascanu et al. 2013). Here the descent that lands on the cliff face is thrown back onto the plateau, where
      the gradient is almost zero. Clipping the gradient’s norm keeps its direction but caps its length at a threshold r, so no step is longer than η r.
      It was introduced for recurrent networks, where such cliffs are common.
    </p>
  );
}

export default function VanishingPage({ view }: LessonPageProps) {
  const v = useStore((s) => (s.params.view as View) ?? 'mlp');
  const names = NAMES[v] ?? NAMES.mlp;
  return (
    <div className="vanishing">
      {v === 'jacobian' ? <JacobianFigures /> : v === 'cliff' ? <CliffFigures /> : <MlpFigures />}
      <div style={CONTAIN}>
        <Readout names={names} labels={LABELS} />
      </div>
      {v === 'jacobian' ? <JacobianEquations /> : v === 'cliff' ? <CliffEquations /> : <MlpEquations />}
      <Prose view={view}>{v === 'jacobian' ? <JacobianProse /> : v === 'cliff' ? <CliffProse /> : <MlpProse />}</Prose>
    </div>
  );
}
