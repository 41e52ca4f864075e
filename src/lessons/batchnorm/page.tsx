import { Figure } from './figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { CONTAIN } from '../../ui/hooks';
import { useStore } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import { BnEquations, ModeEquations } from './Equations';
import type { View } from './types';
import { BatchMu, BatchSize, CnnGrads, CnnRace, Drift, Grads, Modes, Race, SweepAccuracy, SweepLoss, Units } from './Views';
import './batchnorm.css';

const NAMES: Record<View, string[]> = {
  race: ['accuracy_bn', 'accuracy_plain', 'loss_bn', 'loss_plain', 'grad_ratio_bn', 'grad_ratio_plain', 'mu_B', 'var_B', 'gamma', 'beta', 'accuracy', 'loss'],
  sweep: ['accuracy_bn', 'accuracy_plain', 'best_lr_bn', 'best_lr_plain', 'max_lr_bn', 'max_lr_plain', 'diverged', 'accuracy', 'loss'],
  batchsize: ['accuracy_bn_large', 'accuracy_bn_small', 'accuracy_plain_small', 'best_plain_small', 'accuracy_bn_small_batchstats', 'mu_err_small', 'mu_err_large', 'digits_seen', 'accuracy', 'loss'],
  cnn: ['accuracy_bn', 'accuracy_plain', 'loss_bn', 'loss_plain', 'accuracy', 'loss'],
  modes: ['accuracy_running', 'accuracy_batch', 'accuracy_single', 'accuracy_unupdated', 'answers_single', 'running_mean', 'running_var', 'accuracy', 'loss'],
};

const LABELS: Record<string, string> = {
  accuracy_bn: 'accuracy with BN',
  accuracy_plain: 'accuracy without',
  loss_bn: 'loss with BN',
  loss_plain: 'loss without',
  grad_ratio_bn: 'BN ‖∇W₁‖/‖∇W_L‖',
  grad_ratio_plain: 'plain ‖∇W₁‖/‖∇W_L‖',
  mu_B: 'μ_B',
  var_B: 'σ²_B',
  gamma: 'γ',
  beta: 'β',
  accuracy: 'accuracy (BN net)',
  loss: 'loss (BN net)',
  accuracy_running: 'test mode',
  accuracy_batch: 'one batch of 1,000',
  accuracy_single: 'batches of one',
  accuracy_unupdated: 'never-updated averages',
  answers_single: 'answers to 100 single digits',
  running_mean: 'running μ',
  running_var: 'running σ²',
  best_lr_bn: 'best η with BN',
  best_lr_plain: 'best η without',
  max_lr_bn: 'largest η that trains, BN',
  max_lr_plain: 'largest η that trains, plain',
  diverged: 'nets diverged',
  accuracy_bn_large: 'BN, batches of 32',
  accuracy_bn_small: 'BN, small batches',
  accuracy_plain_small: 'plain, small batches',
  best_plain_small: 'plain, small batches, best so far',
  accuracy_bn_small_batchstats: 'BN small, test-batch statistics',
  mu_err_small: 'μ_B error, small batch (σ)',
  mu_err_large: 'μ_B error, batch of 32 (σ)',
  digits_seen: 'digits seen by each net',
};

function Prose1() {
  return (
    <>
      <p>
        Each layer of a deep net learns on inputs that the layers below keep changing. Batch normalization (Ioffe &amp; Szegedy 2015) fixes the first two
        moments of every unit: over the mini-batch it subtracts the unit’s mean μ_B and divides by its standard deviation, then scales and shifts by two
        learned numbers, γ and β, so the layer can still represent what it did before (γ = σ_B, β = μ_B undo the normalization). The gradient flows
        through μ_B and σ²_B too: a weight change that only shifted or stretched a unit’s values changes nothing after normalization, and the gradient
        knows it (Goodfellow, Bengio &amp; Courville, Deep Learning, 2016, §8.7.1).
      </p>
      <p>
        Larochelle (Foundations of Deep Learning) names it beside dropout among the developments made for deep nets; Goodfellow, Bengio &amp;
        Courville (§11.2) count it among the defaults worth trying first, with a “drastic effect” especially for convolutional networks and networks
        with sigmoidal nonlinearities. Here the same six-layer sigmoid net from the same initial weights trains with and without it. At test time there
        is no batch to normalize over, or one that should not matter: the layer uses running averages of μ_B and σ²_B
        gathered during training.
      </p>
      <p>
        Ioffe &amp; Szegedy (Batch normalization: accelerating deep network training by reducing internal covariate shift, 2015, §3.3) argue that it
        lets a net take much larger learning rates: scaling a layer’s weights by any a leaves BN(a W u) = BN(W u), so large weights do not blow the
        activations up, and the gradient with respect to a W is 1/a times smaller, which damps a weight’s growth. The sweep puts one net per rate
        side by side, with and without. The statistics are those of the mini-batch, so they are only as good as the batch is large: with two
        digits, u − μ_B = ±(u₁ − u₂)/2 and every normalized value is ±1 (up to ε), so a unit can only say which of its two digits is larger. Ioffe
        &amp; Szegedy apply the transform to convolutional layers per feature map, with one γ and β per channel and the statistics over the batch
        and every position, so that different locations of the same map are normalized alike; their networks are convolutional throughout.
      </p>
    </>
  );
}

export default function BatchNormPage({ view }: LessonPageProps) {
  const v = useStore((s) => (s.params.view as View) ?? 'race');
  return (
    <div className="batchnorm">
      <div className="plots" style={CONTAIN}>
        <Figure id="units"><Units /></Figure>
        <Figure id="race"><Race /></Figure>
        <Figure id="sweep-acc"><SweepAccuracy /></Figure>
        <Figure id="sweep-loss"><SweepLoss /></Figure>
        <Figure id="batchsize"><BatchSize /></Figure>
        <Figure id="batch-mu"><BatchMu /></Figure>
        <Figure id="cnn-race"><CnnRace /></Figure>
        <Figure id="cnn-grads"><CnnGrads /></Figure>
        <Figure id="modes"><Modes /></Figure>
        <Figure id="grads"><Grads /></Figure>
        <Figure id="drift"><Drift /></Figure>
      </div>
      <div style={CONTAIN}>
        <Readout names={NAMES[v] ?? NAMES.race} labels={LABELS} />
      </div>
      <Figure id="bn-equations"><BnEquations /></Figure>
      <Figure id="mode-equations"><ModeEquations /></Figure>
      <Prose view={view}>
        <Prose1 />
      </Prose>
    </div>
  );
}
