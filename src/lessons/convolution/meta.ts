import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { IMAGE_CHARS, IMAGE_MAX, WEIGHTS_MAX, WEIGHT_CHARS } from './codec';
import { PRESETS, PRESET_LABELS } from './kernels';

const KERNELS = [...PRESETS, 'custom'] as const;

/** Every control of the lesson; ConvParams is derived from it. */
export const params = defineParams([
  { kind: 'text', key: 'image', label: 'Drawn digit', chars: IMAGE_CHARS, maxLength: IMAGE_MAX, default: '',
    help: 'The drawing, encoded (empty: the chosen test digit).' },
  { kind: 'number', key: 'digit', label: 'Test digit (0–1999)', min: 0, max: 1999, step: 1, integer: true, default: 4,
    help: 'Which of the 2,000 held-out digits to show when nothing is drawn.' },
  { kind: 'choice', key: 'ksize', label: 'Kernel size', options: ['3', '5'], labels: ['3 × 3', '5 × 5'], default: '3', group: 'Kernel and sliding window' },
  { kind: 'choice', key: 'kernel', label: 'Kernel', options: KERNELS, labels: KERNELS.map((k) => PRESET_LABELS[k]), default: 'sobel', group: 'Kernel and sliding window' },
  { kind: 'text', key: 'weights', label: 'Custom kernel', chars: WEIGHT_CHARS, maxLength: WEIGHTS_MAX, default: '' },
  { kind: 'number', key: 'stride', label: 'Stride s', min: 1, max: 4, step: 1, integer: true, default: 1, group: 'Kernel and sliding window' },
  { kind: 'choice', key: 'padding', label: 'Padding', options: ['valid', 'same', 'full'], default: 'valid', group: 'Kernel and sliding window' },
  { kind: 'number', key: 'dilation', label: 'Dilation d', min: 1, max: 3, step: 1, integer: true, default: 1, group: 'Kernel and sliding window' },
  { kind: 'number', key: 'filters', label: 'Kernels in the layer', min: 1, max: 64, step: 1, integer: true, default: 8, group: 'Kernel and sliding window',
    help: 'For the parameter count: how many kernels the convolution layer has.' },
  { kind: 'choice', key: 'pool', label: 'Pooling', options: ['max', 'avg'], labels: ['Max', 'Average'], default: 'max', group: 'Pooling' },
  { kind: 'number', key: 'poolSize', label: 'Pool width', min: 2, max: 4, step: 1, integer: true, default: 3, group: 'Pooling' },
  { kind: 'number', key: 'poolStride', label: 'Pool stride', min: 1, max: 4, step: 1, integer: true, default: 1, group: 'Pooling' },
  { kind: 'number', key: 'lr', label: 'Learning rate (Adam)', min: 0.0001, max: 0.03, log: true, default: 0.006, group: 'Training the CNN' },
  { kind: 'number', key: 'batch', label: 'Mini-batch size', min: 4, max: 128, step: 1, integer: true, default: 32, group: 'Training the CNN' },
  seedParam,
]);

export const meta = defineLesson({
  id: 'convolution',
  title: 'Convolution and pooling',
  summary: 'A kernel sliding over a digit you draw, stride, padding and pooling, and a small CNN trained live on handwritten digits.',
  order: 6,
  params,
  figures: ['draw', 'slide', 'kernel', 'shape', 'pool', 'count', 'probs', 'accuracy', 'filters', 'maps', 'confusion'],
  scenes: [
    {
      title: 'A kernel slides over the image',
      caption: 'Each output pixel is the sum of the products of the kernel with the window under it. Step the window, or hover or tap any output pixel to see its sum.',
      params: { kernel: 'sobel', ksize: '3', stride: 1, padding: 'valid', dilation: 1 },
      show: ['draw', 'slide', 'kernel'],
      claims: [
        {
          id: 'engine-sums',
          text: 'The engine’s conv2d, which the CNN trains with, computes these same sums: on the digit shown it agrees with every output pixel of the page to within 10⁻⁴.',
          at: 0,
          key: 'conv_max_err',
          holds: (m) => m.conv_side === m.conv_formula_side && m.conv_max_err < 1e-4,
        },
      ],
    },
    {
      title: 'Kernels pick out features',
      caption:
        'Pick a preset or edit the numbers. An edge kernel takes a difference across its window in one direction (rows for horizontal edges, columns for vertical ones), ' +
        'so it answers where the ink starts or stops along that direction; the box kernel averages its window.',
      params: { kernel: 'horizontal', ksize: '3', stride: 1, padding: 'valid', dilation: 1 },
      show: ['kernel', 'slide', 'draw'],
      claims: [
        {
          id: 'edges-one-direction',
          text: 'The two edge kernels are one detector turned: the horizontal-edge map of the digit, mirrored across its diagonal, is exactly the vertical-edge map of the mirrored digit.',
          at: 0,
          key: 'edge_transpose_err',
          holds: (m) => m.edge_transpose_err < 1e-5,
        },
        {
          id: 'box-blurs',
          text: 'The box kernel blurs: the sharpest step between neighbouring pixels of its map is under half the digit’s own.',
          at: 0,
          key: 'box_step_ratio',
          holds: (m) => m.box_step_ratio < 0.5,
        },
      ],
    },
    {
      title: 'Stride, padding and dilation',
      caption: 'The output size follows ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1, evaluated below on the current settings.',
      params: { kernel: 'sobel', ksize: '3', stride: 2, padding: 'same', dilation: 1 },
      show: ['shape', 'slide'],
      claims: [
        {
          id: 'size-formula',
          text: 'The engine’s conv2d produces the size the formula gives: 14 × 14 at stride 2 with same padding.',
          at: 0,
          key: 'conv_side',
          holds: (m) => m.conv_side === m.conv_formula_side && m.conv_side === 14,
        },
      ],
    },
    {
      title: 'Pooling and a one-pixel shift',
      caption:
        'Shift the digit one pixel right and compare the detector map ReLU(I ⋆ K) with its pooled summary: the table gives the size of each change relative to the map, ' +
        '‖after − before‖ / ‖before‖, for max and for average pooling, and how many values changed at all. Measured on the digit shown.',
      params: { kernel: 'sobel', ksize: '3', pool: 'max', poolSize: 3, poolStride: 1 },
      show: ['pool', 'draw'],
      claims: [
        {
          id: 'shift-detector',
          text: 'The shift changes the detector map by more than half its size (relative change above 0.5).',
          at: 0,
          key: 'shift_det_change',
          holds: (m) => m.shift_det_change > 0.5,
        },
        {
          id: 'max-pool-smaller',
          text: 'After max pooling (3 wide, stride 1) the relative change is smaller: under 0.75 times the detector map’s.',
          at: 0,
          key: 'shift_max_change',
          holds: (m) => m.shift_max_change < 0.75 * m.shift_det_change,
        },
        {
          id: 'avg-pool-smaller',
          text: 'Average pooling of the same width and stride shrinks it too: under 0.8 times the detector map’s.',
          at: 0,
          key: 'shift_avg_change',
          holds: (m) => m.shift_avg_change < 0.8 * m.shift_det_change,
        },
        {
          id: 'counts-differ',
          text: 'Counting values tells the two apart: max pooling leaves over a fifth of its non-zero values exactly as they were, average pooling changes over 80% of them. The invariance is approximate: smaller changes, not no change.',
          at: 0,
          key: 'shift_max_moved',
          holds: (m) => m.shift_max_moved < 0.8 && m.shift_avg_moved > 0.8,
        },
      ],
    },
    {
      title: 'Why convolution: few parameters',
      caption: 'One small kernel is reused at every position: compare the conv layer’s parameter count with a dense layer that has the same outputs.',
      params: { ksize: '5', padding: 'same', stride: 1, dilation: 1, filters: 8 },
      show: ['count', 'shape'],
      claims: [
        {
          id: 'few-params',
          text: 'Eight 5 × 5 kernels need 208 parameters; a dense layer with the same 6,272 outputs needs 4,923,520, over 20,000 times as many.',
          at: 0,
          key: 'conv_params',
          holds: (m) => m.conv_params === 208 && m.dense_params === 4_923_520,
        },
      ],
    },
    {
      title: 'A CNN learns its own kernels',
      caption: 'Press Play: a two-layer CNN trains on 8,000 digits; watch its first-layer kernels, the feature maps of your digit and its class probabilities as it learns.',
      params: { lr: 0.006, batch: 32, seed: 1 },
      show: ['probs', 'draw', 'filters', 'maps', 'accuracy'],
      claims: [
        {
          id: 'cnn-learns',
          text: 'After 500 steps (two epochs) it classifies over 90% of the 2,000 held-out digits correctly (the test pass that starts at step 500).',
          at: 600,
          key: 'test_accuracy',
          holds: (m) => m.tested_at_step === 500 && m.test_accuracy > 0.9,
          slow: true,
        },
        {
          id: 'kernels-move',
          text: 'Its first-layer kernels learn: by step 600 they have moved by over a third of their starting size, ‖W − W₀‖ / ‖W₀‖ > 1/3.',
          at: 600,
          key: 'kernel_change',
          holds: (m) => m.kernel_change > 1 / 3,
          slow: true,
        },
        {
          id: 'digit-right',
          text: 'By step 600 it labels the test digit shown (#4, a 7) correctly, with probability over 0.9.',
          at: 600,
          key: 'confidence',
          holds: (m) => m.digit_label >= 0 && m.prediction === m.digit_label && m.confidence > 0.9,
          slow: true,
        },
      ],
    },
    {
      title: 'Which digits it confuses',
      caption: 'The confusion matrix of the latest test pass over the 2,000 held-out digits: rows are the true digit, columns the prediction.',
      params: { lr: 0.006, batch: 32, seed: 1 },
      show: ['confusion', 'accuracy', 'probs', 'draw'],
      claims: [
        {
          id: 'each-digit-itself',
          text: 'In the test pass of step 500, every digit is predicted as itself for over 70% of its test examples.',
          at: 600,
          key: 'min_recall',
          holds: (m) => m.tested_at_step === 500 && m.min_recall > 0.7,
          slow: true,
        },
        {
          id: 'no-big-confusion',
          text: 'No digit is taken for any one other digit in more than 15% of its test examples.',
          at: 600,
          key: 'max_confusion',
          holds: (m) => m.tested_at_step === 500 && m.max_confusion < 0.15,
          slow: true,
        },
      ],
    },
  ],
});
