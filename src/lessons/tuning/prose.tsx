/** The lesson's prose, one part per view; sources cited by authors and title. */
import type { View } from './types';

function GradCheck() {
  return (
    <>
      <p>
        Back-propagation is easy to get almost right. A sign, a forgotten term or a missing division by the batch size gives gradients that still make
        the loss go down for a while, so training alone rarely reveals the bug. The cure is to compare the back-propagated gradient g with a numerical
        one: move one parameter by ±ε, evaluate the loss twice and take the central difference (Martins, Zerva &amp; Figueiredo, “More tricks of the
        trade”; Larochelle, “Neural networks: training”). Here the network is small (6 → 5 → 4 → 3, 74 parameters) so every parameter is checked on
        one minibatch of 8 points.
      </p>
      <p>
        The choice of ε matters because the check runs in float32, as the engine does. A large ε measures the slope of a chord, not of the tangent
        (truncation error, shrinking like ε²); a tiny ε subtracts two nearly equal losses, each rounded to about 7 significant digits, and divides the
        rounding by ε. The sweep chart shows both sides of the U live; the readout names where its bottom is.
      </p>
      <p>
        The planted bugs live in this lesson, never in the engine: each replaces one layer’s backward rule with a wrong one while keeping the forward
        pass bit for bit (built from the engine’s own ops with a stop-gradient: the forward of one expression, the gradient of another). A bug in a
        layer corrupts that layer’s gradient and, through the chain rule, those of the layers below it; so the check flags the highest layer that
        fails.
      </p>
    </>
  );
}

function Overfit() {
  return (
    <>
      <p>
        Before tuning anything on the full data, train on a tiny subset: “you should be able to overfit in this small training set” (Martins, Zerva
        &amp; Figueiredo, “More tricks of the trade”). Fifty digits and a net with over 12,000 weights leave no excuse: if the training loss does not go
        to about zero, something is broken in the code or the setup, and more data will not fix it.
      </p>
      <p>
        Two classic setups break it here. Pixels left at 0–255 instead of [0, 1] make the first layer’s inputs 255 times too large; weights 30 times
        Glorot’s make every layer’s inputs too large. Either way the tanh units start on their flat ends, where the slope is almost 0, and the gradient
        cannot get through: the saturation bars show it from the first steps.
      </p>
    </>
  );
}

function Lr() {
  return (
    <>
      <p>
        “The learning rate is perhaps the most important hyper-parameter” (Goodfellow, Bengio &amp; Courville, Deep Learning, §11.4.1). Too small and
        training crawls; too large and the loss bounces and then diverges. Nine nets start from the same weights and see the same minibatches, so the
        learning rate is the only difference between them; the rates are spaced on a log scale, as one should search them.
      </p>
      <p>
        A quick check that needs no sweep: compare the size of each update with the size of the weights it changes. A rule of thumb puts a healthy
        ratio near 1% (far from 50%, which throws the weights around, and from 0.001%, which leaves them where they are). For plain SGD the update is
        η∇W, so the ratio grows in proportion to η.
      </p>
    </>
  );
}

function Decay() {
  return (
    <>
      <p>
        A constant learning rate keeps the minibatch noise at full size to the end: near a minimum each step is as large as the first ones, so the
        loss keeps bouncing around a floor set by η. The simplest recipe keeps η fixed, but “better results can generally be obtained by allowing
        learning rates to decrease”, typically as 1/t, for which there are convergence guarantees: ε<sub>t</sub> = ε<sub>0</sub>τ / max(t, τ) keeps
        ε<sub>0</sub> for τ steps and then decays (Bengio, “Practical recommendations for gradient-based training of deep architectures”).
      </p>
      <p>
        The other schedule watches the validation set instead of the clock: start with a large η, keep it while the validation error improves, and
        divide it by 2 when it stops (Martins, Zerva &amp; Figueiredo, “More tricks of the trade”). Here the validation error is checked after each
        pass over as many training digits as the validation set holds, as Bengio suggests for early stopping; the η chart shows each halving as a
        step down. All three runs share their initial weights and their minibatches, so the schedule is the only difference.
      </p>
    </>
  );
}

function Normalize() {
  return (
    <>
      <p>
        Standardizing the inputs subtracts each dimension’s training-set mean and divides by its training-set standard deviation, so every input
        has zero mean and unit variance; it can speed up training (Martins, Zerva &amp; Figueiredo, “More tricks of the trade”). The statistics come
        from the training set only and are applied unchanged to the validation digits. Here the same η moves the standardized net far faster.
      </p>
      <p>
        The same source warns that it does not work for sparse inputs, and digits are sparse. The pixels near the border are 0 in every training
        digit: their σ is 0, and (x − μ)/σ is 0/0, a NaN that a single step spreads into every weight. So σ is guarded, here by max(σ, ε). The guard
        must not be tiny: a pixel that was 0 in every training digit is not 0 in every digit the net will see, and a validation digit with a stroke
        through it gets x/ε, about 10⁸ for ε = 10⁻⁸, which saturates every unit it reaches. Training cannot warn you: on the training digits the two
        guards give nearly the same loss. The zeros themselves are gone too: after standardizing, an empty pixel is −μ/σ, no longer 0.
      </p>
    </>
  );
}

function Capacity() {
  return (
    <>
      <p>
        Manual tuning adjusts the effective capacity of the model to the task. Compare the training error with the validation error: a high training
        error means the model cannot even fit the data it sees, so add capacity (more units or layers, or train longer); a low training error with a
        much higher validation error means it memorizes, so reduce capacity, regularize (weight decay, dropout) or gather more data (Goodfellow,
        Bengio &amp; Courville, Deep Learning, §11.4.1).
      </p>
      <p>
        With only 100 training digits the gap opens early: 8 hidden units already get every training digit right. Wider nets do not do worse here;
        networks with far more parameters than examples often generalize better than the classical picture predicts (Martins, Zerva &amp;
        Figueiredo, “Neural Networks II”, over-parametrization), which is why the rule reads the gap, not the parameter count.
      </p>
    </>
  );
}

function Search() {
  return (
    <>
      <p>
        Two hyper-parameters: the learning rate η, which matters, and the weight decay λ over a range where it hardly does. A grid of 3 × 3 trials
        tries only 3 values of η, each three times; 9 random trials try 9 different values of η. When only one axis matters, the random layout
        explores it three times as finely for the same cost (Bergstra &amp; Bengio, “Random search for hyper-parameter optimization”, 2012; Bengio,
        “Practical recommendations for gradient-based training of deep architectures”).
      </p>
      <p>
        Both are sampled on a log scale: log₁₀ η ~ U(−3, 1) and log₁₀ λ ~ U(−6, −3), and the grid takes the centres of a 3 × 3 split of the same
        square (Goodfellow, Bengio &amp; Courville, §11.4.4, sample log₁₀ η uniformly in the same way). Every trial is a real training run: a fresh
        784 → 32 → 10 tanh net, 40 minibatch SGD steps on 500 digits, scored by its error on 500 other digits. One search can be lucky; the many-searches
        view repeats both searches with their own draws and seeds.
      </p>
    </>
  );
}

export function Prose({ v }: { v: View }) {
  if (v === 'overfit') return <Overfit />;
  if (v === 'lr') return <Lr />;
  if (v === 'search' || v === 'seeds') return <Search />;
  if (v === 'decay') return <Decay />;
  if (v === 'normalize') return <Normalize />;
  if (v === 'capacity') return <Capacity />;
  return <GradCheck />;
}
