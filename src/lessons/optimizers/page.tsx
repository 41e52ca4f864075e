import { Equation } from '../../ui/Equation';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useStore } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import { meta, RACER_LABELS } from './meta';
import './optimizers.css';
import { LiveRules } from './rules';
import { FinishTable, LossChart, RaceContour, StepChart, useEnabled, useSurface } from './views';

const LABELS = Object.fromEntries(Object.entries(RACER_LABELS).map(([k, v]) => [`loss_${k}`, `${v} loss`]));

/** Whether the current scene shows a figure ('eta', 'rules'; all when no scene is chosen). The contour, table and loss are always in view. */
function useShown(): (id: string) => boolean {
  const scene = useStore((s) => s.scene);
  const show = meta.scenes[scene]?.show;
  return (id) => !show || show.includes(id);
}

export default function OptimizersPage({ view }: LessonPageProps) {
  const enabled = useEnabled();
  const surface = useSurface();
  const shown = useShown();
  return (
    <div className="optimizers">
      <Prose view={view}>
        <p>
          Six optimizers race across a two-dimensional loss surface. Each racer is a parameter vector θ = (x, y), a real two-element tensor of the engine, moved
          by the same optimizer class that trains the networks in the other lessons. Every step it is handed the surface’s exact gradient{' '}
          <Equation display={false} tex={String.raw`g = \nabla f(\theta_{t-1})`} /> (plus Gaussian noise when the noise slider is above 0, which is what a small
          mini-batch does to a gradient) and applies its own update rule. Press Play, pick a scene, or click the contour plot to start everyone somewhere
          else.
        </p>
      </Prose>
      <Readout names={enabled.map((r) => `loss_${r}`)} labels={LABELS} />
      <Equation tex={surface.tex} />
      <div className="race-top">
        <RaceContour />
        <div className="race-side">
          <FinishTable />
          <LossChart />
        </div>
      </div>
      {shown('eta') && (
        <div className="plots">
          <StepChart />
        </div>
      )}
      <Prose view={view}>
        <p>
          <strong>Ill-conditioning.</strong> A step <Equation display={false} tex={String.raw`-\epsilon g`} /> changes the loss by about{' '}
          <Equation display={false} tex={String.raw`\tfrac12 \epsilon^2 g^\top H g - \epsilon\, g^\top g`} />. When the surface curves κ times more across a
          valley than along it, a learning rate small enough for the steep walls is far too small for the floor: plain SGD bounces from wall to wall and crawls.
          <strong> Momentum</strong> adds a fraction γ of the previous step, so the gradient parts that flip sign cancel and the steady part adds up;{' '}
          <strong>Nesterov</strong> looks at the gradient after the velocity has been applied.
        </p>
        <p>
          <strong>Per-coordinate rates.</strong> AdaGrad divides each coordinate’s step by the root of the sum of all its past squared gradients: the steep
          coordinate gets a small step, the flat one a large step. But that sum only grows, so the step shrinks for ever. RMSProp replaces the sum by a decaying
          average, which forgets; Adam keeps decaying averages of both g and g² and corrects their bias towards the zeros they start from.
        </p>
        <p>
          <strong>Saddles and cliffs.</strong> Gradient descent only moves downhill, so it does leave a saddle point, but near it the gradient along the way
          out is tiny and plain SGD lingers. On a cliff the gradient is enormous and a single step flies far past the valley beyond it.
        </p>
        <p>
          <strong>Noise and schedules.</strong> With noisy gradients a constant learning rate never lets a racer settle. Keeping the rate at ε₀ for τ steps and then
          letting it decay like 1/t, <Equation display={false} tex={String.raw`\epsilon_t = \frac{\epsilon_0 \tau}{\max(t, \tau)}`} />, averages the noise away.
          A racer whose learning rate is too large is stopped and marked <em>diverged</em>; the others keep going.
        </p>
      </Prose>
      {shown('rules') ? (
        <LiveRules />
      ) : (
        <details className="more-rules">
          <summary>Update rules with their live values</summary>
          <LiveRules />
        </details>
      )}
    </div>
  );
}
