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
  return <GradCheck />;
}
