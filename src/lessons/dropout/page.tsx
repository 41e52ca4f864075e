import { Covered } from '../../ui/Covered';
import { Figure } from './figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useStore } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import './dropout.css';
import { DropoutMask, EarlyRule, Objective, Penalties, TestRule } from './Equations';
import { Curves, LossQuestion, TestTime, Thinned, Weights } from './Views';
import { Boundaries } from './Boundaries';
import { useOwnData } from '../../ui/useOwnData';
import { PLANE_RANGE } from './types';

const LABELS: Record<string, string> = {
  train_loss: 'train loss',
  val_loss: 'validation loss',
  base_train_loss: 'baseline train loss',
  base_val_loss: 'baseline validation loss',
  best_step: 'best step',
  best_val_loss: 'best validation loss',
  best_test_loss: 'test loss at best step',
  best_test_acc: 'test accuracy at best step',
  base_best_step: 'baseline best step',
  base_best_val_loss: 'baseline best validation loss',
  base_best_test_loss: 'baseline test loss at its best step',
  base_best_test_acc: 'baseline test accuracy at its best step',
  below_since: 'validation below baseline since step',
  val_acc: 'validation accuracy',
  base_val_acc: 'baseline validation accuracy',
  zero_frac: 'weights under 0.01',
  base_zero_frac: 'baseline weights under 0.01',
  exact_zero_frac: 'weights exactly 0',
  kept_frac: 'units kept',
  stopped_at: 'stopped at',
  points: 'training points',
};

export default function DropoutPage({ view }: LessonPageProps) {
  const dropping = useStore((s) => Number(s.params.p) > 0);
  const regularized = useStore((s) => Number(s.params.p) > 0 || Number(s.params.pIn) > 0 || Number(s.params.l2) > 0 || Number(s.params.l1) > 0 || s.params.earlyStop === true);
  const l1 = useStore((s) => Number(s.params.l1) > 0);
  const stopped = useStore((s) => s.metrics.stopped_at !== undefined);
  const plane = useStore((s) => s.params.dataset !== 'digits');
  const data = useOwnData(PLANE_RANGE);
  const names = ['train_loss', 'val_loss', 'base_train_loss', 'base_val_loss', 'val_acc', 'base_val_acc'];
  // each run at its own best validation step (what early stopping keeps), scored on the test set that chose nothing
  names.push('best_step', 'best_val_loss', 'best_test_loss', 'best_test_acc', 'base_best_step', 'base_best_val_loss', 'base_best_test_loss', 'base_best_test_acc');
  if (regularized) names.push('below_since');
  names.push('zero_frac', 'base_zero_frac');
  if (l1) names.push('exact_zero_frac');
  if (dropping) names.push('kept_frac');
  if (stopped) names.push('stopped_at');
  names.push('points');
  return (
    <div className="dropout">
      <div className="dropout-top">
        <Figure id="curves">
          <Curves />
        </Figure>
        {plane && (
          <Figure id="boundaries">
            <Boundaries data={data} />
          </Figure>
        )}
      </div>
      <Figure id="question">
        <Covered>
          <LossQuestion />
        </Covered>
      </Figure>
      <div className="plots">
        {plane && (
          <Figure id="network">
            <Thinned />
          </Figure>
        )}
        <Figure id="weights">
          <Weights />
        </Figure>
        <Figure id="testtime">
          <Covered>
            <TestTime />
          </Covered>
          <TestRule />
        </Figure>
      </div>
      <Readout names={names} labels={LABELS} />
      <Figure id="objective">
        <Objective />
      </Figure>
      <Figure id="dropout">
        <DropoutMask />
      </Figure>
      <Figure id="penalties">
        <Penalties />
      </Figure>
      <Figure id="early">
        <EarlyRule />
      </Figure>
      <Prose view={view}>
        <p>
          A network with two hidden layers of dozens of ReLU units has far more weights than there are training points here. Trained long enough it bends its
          decision boundary around every noisy point: the training loss keeps falling while the loss on fresh points from the same distribution, the{' '}
          <em>validation</em> loss, turns and rises. That gap is overfitting.
        </p>
        <p>
          The held-out points are split in two. The <strong>validation</strong> set picks each run’s best step (the one early stopping keeps); the{' '}
          <strong>test</strong> set never chooses anything, so the readout’s test loss and accuracy at each run’s best step are a fair score of what
          early stopping would deliver. Comparing runs only at one fixed step favours whichever overfits more slowly; comparing them at their best steps asks
          whether the regularizer gives a better model at all.
        </p>
        <p>
          Two copies of the same network start from the same seed and see the same mini-batches. The <strong>baseline</strong> (left, orange curves) is never
          regularized; the <strong>regularized run</strong> (right, blue curves) gets what the controls choose. Changing a regularizer restarts both, so the
          comparison always starts from identical weights.
        </p>
        <p>
          <strong>Norm penalties</strong> add λΩ(θ) to the average loss. The L2 penalty pulls every weight toward zero in proportion to its size, so each update
          first multiplies the weights by (1 − ηλ): weight decay. That exact shrink is the rule of plain SGD; under Adam the penalty’s gradient is rescaled
          like any other. The L1 penalty pulls with the same force whatever the size; applied by its proximal step (a soft threshold), small weights land on
          exactly zero and stay there: a sparse network. Only the weights are penalized, never the biases.
        </p>
        <p>
          <strong>Dropout</strong> sets each hidden unit to 0 with probability p in every training step, so each step trains a different thinned network and no
          unit can rely on a particular partner. It trains an ensemble of all the thinned networks with shared weights. We use inverted dropout: kept units are
          divided by 1 − p during training, so the expected activation does not change and at test time the full network is used as it is (the weight scaling
          rule). The test-time table checks that rule against actually averaging many sampled thinned networks, both
          scored with one loss at the same step.
        </p>
        <p>
          <strong>Early stopping</strong> needs no change to the objective: watch the validation loss, remember the weights of its best step, stop when it has not
          improved for a number of steps (the patience) and put the best weights back. It is a free lunch: one training run selects the number of steps.
        </p>
        <p>
          <strong>Your own points.</strong> On a 2-D data set, click or tap either decision boundary to add a training point of the chosen class, drag one to
          move it, Reset data to go back. Your points become the training set; the validation rings stay the lesson’s, because the validation loss only
          measures overfitting while it is computed on fresh points of the distribution that were never trained on. Add a few points of the wrong class inside
          the other class’s region: does the baseline bend around them, and what do the two validation losses do? The scene captions describe the lesson’s own
          data set, not yours.
        </p>
      </Prose>
    </div>
  );
}
