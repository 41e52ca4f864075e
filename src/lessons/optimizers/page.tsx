import { Covered } from '../../ui/Covered';
import { Equation } from '../../ui/Equation';
import { Figure } from './figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useShown } from '../../ui/hooks';
import type { LessonPageProps } from '../../ui/lesson';
import './optimizers.css';
import { LiveRules } from './Rules';
import { RACERS, RACER_LABELS } from './types';
import { changeParams } from '../../ui/actions';
import { FinishTable, LossChart, RaceContour, StepChart, useEnabled, useSurface } from './Views';

const LABELS = Object.fromEntries(Object.entries(RACER_LABELS).map(([k, v]) => [`loss_${k}`, `${v} loss`]));

export default function OptimizersPage({ view }: LessonPageProps) {
  const enabled = useEnabled();
  const surface = useSurface();
  const shown = useShown();
  return (
    <div className="optimizers">
      {enabled.length === 0 && (
        // a state with nothing to run says why and offers the way out (Play stays disabled: the race has no runner)
        <p className="nothing-to-run" role="alert" data-nothing-to-run>
          Every optimizer is switched off, so there is nothing to race.{' '}
          <button type="button" onClick={() => changeParams(Object.fromEntries(RACERS.map((r) => [`on_${r}`, true])))}>
            Switch all six back on
          </button>
        </p>
      )}
      <div className="race-top">
        {/* the racers' paths, the finish and the live rules are the race's result: covered while results are hidden */}
        <Figure id="contour">
          <Covered>
            <RaceContour />
          </Covered>
        </Figure>
        <div className="race-side">
          <Figure id="finish">
            <Covered>
              <FinishTable />
            </Covered>
          </Figure>
          <Figure id="loss">
            <LossChart />
          </Figure>
        </div>
      </div>
      <Figure id="steps" className="plots">
        <StepChart />
      </Figure>
      <Figure id="rules">
        <Covered>
          <LiveRules />
        </Covered>
      </Figure>
      <Readout names={enabled.map((r) => `loss_${r}`)} labels={LABELS} />
      <Equation tex={surface.tex} />
      {!shown('rules') && (
        <details className="more-rules">
          <summary>Update rules with their live values</summary>
          <Covered>
            <LiveRules />
          </Covered>
        </details>
      )}
      <Prose view={view}>
        <p>
          Six optimizers race across a two-dimensional loss surface. Each racer is a parameter vector θ = (x, y), a real two-element tensor of the engine, moved
          by the same optimizer class that trains the networks in the other lessons. Every step it is handed the surface’s exact gradient{' '}
          <Equation display={false} tex={String.raw`g_t = \nabla f(\theta_{t-1})`} /> (plus Gaussian noise of std σ/√B when the noise slider is above 0: the spread σ of one example’s gradient, averaged
          over a mini-batch of B examples) and applies its own update rule. Press Play, pick a scene, or click the contour plot to start everyone somewhere
          else.
        </p>
        <p>
          <strong>Ill-conditioning.</strong> A step <Equation display={false} tex={String.raw`-\epsilon g`} /> changes the loss by about{' '}
          <Equation display={false} tex={String.raw`\tfrac12 \epsilon^2 g^\top H g - \epsilon\, g^\top g`} />. When the surface curves κ times more across a
          valley than along it, a learning rate small enough for the steep walls is far too small for the floor (Goodfellow, Bengio & Courville, Deep Learning, 2016, §8.2.1): near
          the largest stable rate, α = 2/κ, plain SGD bounces from wall to wall; below it SGD’s path straightens, but it crawls.
          <strong> Momentum</strong> adds a fraction γ of the previous step, so the gradient parts that flip sign cancel and the steady part adds up;{' '}
          <strong>Nesterov</strong> (Sutskever et al. 2013; not in Martins, Zerva &amp; Figueiredo’s Neural Networks II) takes the gradient after the velocity has been applied, at the look-ahead
          point θ + γv; the engine stores and the plot shows that look-ahead point.
        </p>
        <p>
          <strong>Per-coordinate rates.</strong> AdaGrad divides each coordinate’s step by the root of the sum of all its past squared gradients: the steep
          coordinate gets a small step, the flat one a large step. But that sum only grows, so the step shrinks for ever. RMSProp replaces the sum by a decaying
          average, which forgets; Adam keeps decaying averages of both g and g² and corrects their bias towards the zeros they start from. Martins, Zerva &amp; Figueiredo’s slide writes ε inside the root, √(v̂ + ε); Kingma & Ba (2015), PyTorch, Keras and TensorFlow.js, and this code, add ε after the root, so a gradient far below √ε still gets a step of about α: Adam stays scale-invariant for tiny gradients.
        </p>
        <p>
          <strong>Saddles and cliffs.</strong> Gradient descent only moves downhill, so it does leave a saddle point, but near it the gradient along the way
          out is tiny and plain SGD lingers. On a cliff the gradient is enormous and a single step flies far past the valley beyond it. Beale’s function has such a corner: a rate suited
          to its gentle slopes multiplies a gradient in the thousands there, while the rules that divide by the gradient’s size take steps of about α.
        </p>
        <p>
          <strong>Noise and schedules.</strong> With noisy gradients a constant learning rate keeps a racer jittering around the minimum at a distance that
          grows with the rate and with σ/√B: a larger mini-batch B quiets it. AdaGrad is the exception: its own steps shrink like 1/√t. Keeping the rate at α
          for τ steps and then letting it decay like 1/t,{' '}
          <Equation display={false} tex={String.raw`\alpha_t = \frac{\alpha\, \tau}{\max(t, \tau)}`} /> (Bengio, Practical recommendations for
          gradient-based training, 2012, writes it with ε₀ for α), averages the noise away: the sum of the rates still grows without bound, so the racer can still
          travel any distance, while the sum of their squares, which scales the noise it gathers, stays finite (Goodfellow et al. 2016, §8.3.1).
          A racer whose learning rate is too large is stopped and marked <em>diverged</em>; the others keep going.
        </p>
      </Prose>
    </div>
  );
}
