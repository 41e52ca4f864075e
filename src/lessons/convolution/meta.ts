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
    },
    {
      title: 'Kernels pick out features',
      caption: 'Pick a preset or edit the numbers: the edge kernels respond where the ink starts or stops along one direction, the box kernel blurs.',
      params: { kernel: 'horizontal', ksize: '3', stride: 1, padding: 'valid', dilation: 1 },
      show: ['kernel', 'slide', 'draw'],
    },
    {
      title: 'Stride, padding and dilation',
      caption: 'The output size follows ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1, evaluated below on the current settings.',
      params: { kernel: 'sobel', ksize: '3', stride: 2, padding: 'same', dilation: 1 },
      show: ['shape', 'slide'],
    },
    {
      title: 'Pooling and a one-pixel shift',
      caption: 'Shift the digit one pixel: the counts below say how many detector values changed and how many pooled values changed.',
      params: { kernel: 'sobel', ksize: '3', pool: 'max', poolSize: 3, poolStride: 1 },
      show: ['pool', 'draw'],
    },
    {
      title: 'Why convolution: few parameters',
      caption: 'One small kernel is reused at every position: compare the conv layer’s parameter count with a dense layer that has the same outputs.',
      params: { ksize: '5', padding: 'same', stride: 1, dilation: 1, filters: 8 },
      show: ['count', 'shape'],
    },
    {
      title: 'A CNN learns its own kernels',
      caption: 'Press Play: a two-layer CNN trains on 8,000 digits; its first-layer kernels, the feature maps of your digit and its class probabilities change as it learns.',
      params: { lr: 0.006, batch: 32, seed: 1 },
      show: ['probs', 'draw', 'filters', 'maps', 'accuracy'],
    },
    {
      title: 'Which digits it confuses',
      caption: 'The confusion matrix of the latest test pass over the 2,000 held-out digits: rows are the true digit, columns the prediction.',
      params: { lr: 0.006, batch: 32, seed: 1 },
      show: ['confusion', 'accuracy', 'probs', 'draw'],
    },
  ],
});
