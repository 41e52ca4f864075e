/** The lesson's prose: the three ideas (Gormley, CMU 10-601), why pretraining might help (Bengio, Tricks of the Trade), and what this run measured. */
import { useStore } from '../../ui/store';
import { METHOD_IDS } from './types';

const pct = (v: number) => `${(100 * v).toFixed(2)}%`;

/** Sentences about this run's table, written from the live numbers (nothing here is pre-recorded). */
function ThisRun() {
  const m = useStore((s) => s.metrics);
  const labels = useStore((s) => Number(s.params.labels));
  const [none, sup, ae, shallow] = METHOD_IDS.map((id) => m[`test_error_${id}`]);
  if (none === undefined || sup === undefined || ae === undefined || shallow === undefined) {
    return <p>When the run finishes, this paragraph compares its test errors with the paper&apos;s ordering.</p>;
  }
  const sds = METHOD_IDS.map((id) => m[`test_error_${id}_sd`]).filter((v): v is number => v !== undefined);
  const spread = sds.length === METHOD_IDS.length ? Math.max(...sds) : undefined;
  const cmp = (a: number, b: number) => (a < b ? 'lower than' : a > b ? 'higher than' : 'equal to');
  const within = (a: number, b: number) => spread !== undefined && Math.abs(a - b) < spread;
  return (
    <p data-testid="this-run">
      This run ({labels.toLocaleString('en')} labelled digits{m.seeds_done > 1 ? `, mean of ${m.seeds_done} seeds` : ', one seed'}): auto-encoder pretraining{' '}
      {pct(ae)} is {cmp(ae, none)} no pretraining {pct(none)}
      {within(ae, none) ? ' (but by less than the seed-to-seed spread)' : ''}; greedy supervised pretraining {pct(sup)} is {cmp(sup, none)} no pretraining
      {within(sup, none) ? ' (by less than the spread)' : ''}; the shallow net {pct(shallow)} is {cmp(shallow, none)} the deep net without pretraining
      {within(shallow, none) ? ' (by less than the spread)' : ''}. The paper&apos;s ordering was auto-encoder &lt; shallow &lt; supervised &lt; none.{' '}
      {spread === undefined ? 'One seed cannot tell a real difference from luck: press “Run 3 seeds”.' : `The largest spread (sd) over seeds is ${(100 * spread).toFixed(2)} points; smaller differences are not results.`}
    </p>
  );
}

export function Story() {
  return (
    <>
      <p>
        A deep network trained by back-propagation from random weights (<strong>Idea #1</strong> in Gormley, CMU 10-601, Deep Learning) can get stuck: the objective is not
        convex, and through many sigmoid layers the gradient reaching the bottom layers grows dilute. Around 2006 two greedy recipes gave deep nets a better
        start. <strong>Idea #2</strong>, greedy supervised pretraining: train hidden layer 1 with a soft-max output on the labels, fix it; train layer 2 on
        top of the fixed layer 1, fix it; and so on. <strong>Idea #3</strong>, greedy unsupervised pretraining: train each layer as an{' '}
        <em>auto-encoder</em> that reconstructs its own input, using no labels at all. Both end with supervised <strong>fine-tuning</strong> of every layer
        by back-propagation.
      </p>
      <p>
        The three deep runs here share everything but the pretraining: the same 784-128-128-10 sigmoid network (Glorot-uniform initial weights from the
        same seed), the same labelled digits, the same minibatches of 32 and the same number of fine-tuning steps with Adam. The auto-encoders see all 7,000
        training digits without their labels; the supervised methods see only the labelled ones (the slider). A fourth run is the shallow net of the
        paper&apos;s table: one hidden layer of the same width (784-128-10), trained on the labels only, with the same budget. Before fine-tuning, each
        method first trains only a soft-max read-out on its frozen features; without pretraining those features are those of the random network. A further
        1,000 training digits are held out as a validation set, as in the paper: no stage trains on them.
      </p>
      <p>
        The published figures are Table 1 of Bengio, Lamblin, Popovici and Larochelle, <em>Greedy Layer-Wise Training of Deep Networks</em> (NIPS 2006), as
        Gormley&apos;s lecture shows them: on MNIST, a deep network with auto-encoder pretraining made 1.4% test errors, with greedy supervised pretraining 2.0%,
        without pretraining 2.4%; a shallow network 1.9% and a deep belief net 1.2%. Those nets trained on tens of thousands of labelled digits for many epochs; this
        page trains on a few hundred or thousand labelled digits for a minute or two, so compare orderings, not numbers. Modern choices work against the
        paper&apos;s gaps too: normalized (Glorot) initialization and Adam make a plain deep net much easier to train than the 2006 recipe (Glorot &amp; Bengio 2010;
        lesson 2), and in 2010 plain back-propagation on a GPU set a handwriting record with no pretraining at all (Cireşan et al. 2010).
      </p>
      <ThisRun />
      <p>
        Why should reconstructing the input help classify it? Bengio&apos;s <em>Deep Learning Tricks of the Trade</em> names two hypotheses (Erhan et al.
        2010). <em>Regularization</em>: the
        unsupervised criterion pulls the weights toward features that describe P(x), and features good for P(x) tend to be good for P(y | x); this matters
        most when labels are few, so try the labelled-digits slider. <em>Optimization</em>: pretraining starts fine-tuning in a basin with a lower minimum
        than random starts reach, and pretrained runs land closer to one another (lower variance across seeds). The table&apos;s train column helps tell the two apart: where
        every method fits its labelled digits (train error near 0) and they differ only on the validation and test digits, pretraining changed how the net
        generalizes, not how well fine-tuning fitted the labels.
      </p>
      <p>
        The read-out column (scene 4) shows what pretraining left in the features before any label reached the lower layers. On the random deep sigmoid network the
        read-out stays near chance: each top unit sums many small random weights times values near ½, so it barely changes from one digit to the next. One random layer loses less than two: compare the shallow net&apos;s row.
        Greedy supervised pretraining has already used the labels; the auto-encoder&apos;s features were learned without them, so fine-tuning is where
        they first meet the task. Compare how far fine-tuning moves each row.
      </p>
      <p>
        A <em>denoising</em> auto-encoder (Bengio, <em>Deep Learning Tricks of the Trade</em>; Vincent et al. 2008) is given a corrupted input x̃, here with a fraction ν of its values set to 0, and must reconstruct the
        clean x. It cannot just copy its input, so even a wide layer has to learn how pixels go together: strokes rather than single pixels. With ν = 0 it is
        a plain auto-encoder.
      </p>
      <p>
        The 2-D code view trains a deeper auto-encoder whose middle layer has only two units, end to end with Adam, without labels. Every test digit becomes a
        point (z₁, z₂); colouring the points by their class shows how much of the class the code keeps although it never saw a label.
      </p>
    </>
  );
}
