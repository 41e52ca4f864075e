/** The equations the code runs, in the notation of Gormley's CMU 10-601 lecture and Bengio's Tricks of the Trade, with live values where they help. */
import { Equation, fmt } from '../../ui/Equation';
import { useStore } from '../../ui/store';

export function Equations() {
  const nu = useStore((s) => Number(s.params.corruption ?? 0));
  const m = useStore((s) => s.metrics);
  const fine = useStore((s) => /fine-tune/.test(s.phase));
  return (
    <div className="equations">
      <p>Auto-encoder of layer k (Gormley, CMU 10-601, Deep Learning: encoder, decoder, reconstruction loss), on its input h = h<sup>k−1</sup> (h<sup>0</sup> = x):</p>
      <Equation tex={String.raw`z = \sigma(W_k h + b_k),\quad r(h) = \sigma(W'_k z + b'_k),\quad \text{Loss} = \lVert h - r(h) \rVert^2`} />
      <p>
        Denoising (Bengio, Deep Learning Tricks of the Trade): mask each input with probability ν, reconstruct the clean h. The code trains on the cross-entropy
        of r(h̃) against the clean h (Bengio et al. 2006 used a cross-entropy reconstruction loss too), not on the squared error; the curve plots the mean of
        (h<sub>j</sub> − r<sub>j</sub>(h))² on held-out digits, reconstructing the uncorrupted input:
      </p>
      <Equation
        tex={String.raw`\tilde h = m \odot h,\ m_j \sim \mathrm{Bernoulli}(1-\nu),\ \nu = ${fmt(nu, 2)};\qquad L_{\text{DAE}} = -\sum_j \big[h_j \log r_j(\tilde h) + (1-h_j)\log\big(1-r_j(\tilde h)\big)\big]`}
      />
      <p>The greedy procedure (Gormley, CMU 10-601, Deep Learning: Ideas #2 and #3):</p>
      <Equation
        tex={String.raw`\begin{aligned}&\textbf{for } k = 1,\dots,L:\ \ \text{train } (W_k, b_k) \text{ and a throw-away top } \begin{cases}\text{soft-max head on } y & \text{(supervised)}\\ \text{decoder } (W'_k, b'_k) \text{ on } h^{k-1} & \text{(auto-encoder)}\end{cases}\\ &\qquad\text{with } W_1, \dots, W_{k-1} \text{ fixed; then fix } W_k.\\ &\textbf{then } \text{fine-tune all } \theta = (W_1, b_1, \dots, W_L, b_L, V, c) \text{ by back-propagation.}\end{aligned}`}
      />
      <p>Fine-tuning objective on the n labelled digits (soft-max cross-entropy, Adam, minibatches of 32):</p>
      <Equation
        tex={String.raw`J(\theta) = -\frac1n \sum_{i=1}^{n} \log \operatorname{softmax}\big(V h^L(x_i) + c\big)_{y_i}${fine && m.loss_autoencoder !== undefined ? String.raw`,\quad J_{\text{auto-enc.\,run}} \approx ${fmt(m.loss_autoencoder, 3)}` : ''}`}
      />
    </div>
  );
}
