import { Covered } from '../../ui/Covered';
import { useMemo, useState } from 'react';
import { Equation } from '../../ui/Equation';
import { Figure } from './figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import type { LessonPageProps } from '../../ui/lesson';
import { useStore } from '../../ui/store';
import { SIDE } from './codec';
import { geometry, type Padding, type PoolKind } from './conv';
import { AccuracyCurve, Confusion, Filters, Maps, Probs } from './CnnViews';
import { CountView } from './CountView';
import { DrawPad } from './DrawPad';
import { KernelEditor } from './KernelEditor';
import { kernelOf } from './kernels';
import { PoolView } from './PoolView';
import { ShapeView } from './ShapeView';
import { SlideView } from './SlideView';
import { useParamDigit, useTestDigits } from './useDigit';
import './convolution.css';

/** The kernel the params describe (the worker resolves it the same way); a custom kernel that does not parse falls back to the identity, with a note. */
function useKernel(): { kernel: Float32Array; k: number; preset: string; note: string | null } {
  const k = useStore((s) => (s.params.ksize === '5' ? 5 : 3));
  const preset = useStore((s) => String(s.params.kernel ?? 'sobel'));
  const weights = useStore((s) => String(s.params.weights ?? ''));
  return useMemo(() => ({ ...kernelOf(preset, k, weights), k, preset }), [k, preset, weights]);
}

export default function ConvolutionPage({ view }: LessonPageProps) {
  const digits = useTestDigits();
  const { image, drawn, label, bad } = useParamDigit(digits);
  const [live, setLive] = useState<Float32Array | null>(null);
  const shown = live ?? image;
  const { kernel, k, preset, note } = useKernel();
  const stride = Number(useStore((s) => s.params.stride ?? 1));
  const padding = useStore((s) => String(s.params.padding ?? 'valid')) as Padding;
  const dilation = Number(useStore((s) => s.params.dilation ?? 1));
  const filters = Number(useStore((s) => s.params.filters ?? 8));
  const pool = useStore((s) => String(s.params.pool ?? 'max')) as PoolKind;
  const poolSize = Number(useStore((s) => s.params.poolSize ?? 3));
  const poolStride = Number(useStore((s) => s.params.poolStride ?? 1));
  const digitIndex = Number(useStore((s) => s.params.digit ?? 0));
  const g = useMemo(() => geometry(SIDE, k, stride, padding, dilation), [k, stride, padding, dilation]);
  const source = drawn
    ? 'Your drawing, prepared like the training digits.'
    : `Held-out test digit #${digitIndex}${label !== null ? ` (labelled ${label})` : ''}. Draw over it or clear it.${bad ? ' The drawing in the link could not be read.' : ''}`;

  return (
    <div className="conv">
      <Readout names={['test_accuracy', 'prediction', 'confidence', 'loss', 'epoch', 'tested_at_step']} labels={{ test_accuracy: 'test accuracy', tested_at_step: 'tested at step' }} />
      <div className="conv-grid">
        <Figure id="draw" className="conv-draw">
          <DrawPad image={image} live={live} onLive={setLive} source={source} digitsReady={!!digits} testCount={digits?.test.count ?? 2000} />
        </Figure>
        <Figure id="probs">
          <Probs />
        </Figure>
        <Figure id="accuracy">
          <AccuracyCurve />
        </Figure>
        <Figure id="slide" className="wide">
          <SlideView image={shown} kernel={kernel} g={g} />
        </Figure>
        <Figure id="kernel" className="wide">
          <KernelEditor image={shown} kernel={kernel} g={g} preset={preset} note={note} />
        </Figure>
        <Figure id="shape" className="wide">
          <ShapeView g={g} padding={padding} />
        </Figure>
        <Figure id="pool" className="wide">
          <PoolView image={shown} kernel={kernel} k={k} kind={pool} size={poolSize} stride={poolStride} />
        </Figure>
        <Figure id="count">
          <CountView g={g} filters={filters} />
        </Figure>
        <Figure id="filters">
          <Filters />
        </Figure>
        <Figure id="maps" className="wide">
          <Maps />
        </Figure>
        <Figure id="confusion">
          <Covered>
            <Confusion />
          </Covered>
        </Figure>
      </div>
      <Prose view={view}>
        <p>
          A convolutional layer slides a small kernel K over the image I and writes, at each position, the sum of the products of the kernel with the pixels under
          it. Deep-learning libraries (and this page) compute it without flipping the kernel, as the cross-correlation of Goodfellow et al. (eq. 9.6):
        </p>
        <Equation tex={String.raw`S(i, j) = (I \star K)(i, j) = \sum_m \sum_n I(i + m,\ j + n)\, K(m, n).`} />
        <p>
          With stride s, zero padding p and dilation d the window of output (i, j) starts at row i·s − p and takes every d-th pixel, so an n × n input gives an
          output of side <Equation display={false} tex={String.raw`\lfloor (n + 2p - d(k-1) - 1)/s \rfloor + 1`} />. <em>Valid</em> padding adds no zeros and
          shrinks the output; <em>same</em> adds enough to keep the size at stride 1; <em>full</em> adds enough for every pixel to meet every kernel entry, so border
          outputs depend on fewer real pixels.
        </p>
        <p>
          Three ideas make convolution suit images. <strong>Sparse interactions</strong>: each output reads only k × k pixels. <strong>Parameter sharing</strong>:
          the same k·k numbers are used at every position, so the layer has far fewer parameters than a dense one (the table above counts them).{' '}
          <strong>Equivariance to translation</strong>: at stride 1, shifting the input shifts the feature map by the same amount (away from the borders). Strides
          and pooling break this: they are not equivariant.
        </p>
        <p>
          Pooling replaces each output by a summary of its neighbourhood (the maximum or the mean). This makes the representation <em>approximately</em> invariant to
          small translations (Goodfellow et al. 2016, §9.3): after a one-pixel shift the pooled map changes less, relative to its size, than the detector map
          does, but it still changes. The table above measures both on your digit, for max and for average pooling. Counting changed values instead would
          mislead: a maximum often stays put when its window moves, so max pooling leaves many values exactly as they were, while an average of a moved window
          almost always changes a little, so average pooling changes nearly every value, yet both shrink the change.
        </p>
        <p>
          The network trained live is small: two 5 × 5 convolution layers (8 and 16 kernels, each followed by ReLU and 2 × 2 max pooling) and a dense layer to 10
          classes, trained with Adam on 8,000 MNIST digits and measured on 2,000 others it never trains on. Its accuracy is what the readout shows for this run; it
          is not a state-of-the-art model. Digits you draw are scaled to fit a 20-pixel box and centred by their centre of mass, as the MNIST digits were, but a
          mouse drawing still differs from a pen on paper, so expect more mistakes on drawings than on the test set.
        </p>
      </Prose>
    </div>
  );
}
