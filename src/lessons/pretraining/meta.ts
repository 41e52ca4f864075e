import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { METHOD_IDS } from './types';

/** Every control of the lesson; PretrainingParams is derived from it. */
export const params = defineParams([
  {
    kind: 'choice', key: 'view', label: 'Experiment', options: ['compare', 'code'],
    labels: ['Three methods side by side', '2-D code of a deep auto-encoder'], default: 'compare',
  },
  { kind: 'number', key: 'labels', label: 'Labelled training digits', min: 250, max: 7000, step: 250, integer: true, default: 500, showIf: { view: ['compare'] },
    help: 'Greedy supervised pretraining and fine-tuning see only these; the auto-encoders see all 7,000 training digits without labels (1,000 more are held out for validation).' },
  { kind: 'number', key: 'corruption', label: 'Corruption ν (masked fraction)', min: 0, max: 0.75, step: 0.05, default: 0.25, showIf: { view: ['compare'] },
    help: 'Each input value of an auto-encoder is set to 0 with this probability; 0 gives a plain auto-encoder.' },
  { kind: 'number', key: 'hidden', label: 'Units per hidden layer', min: 64, max: 256, step: 32, integer: true, default: 128, showIf: { view: ['compare'] } },
  { kind: 'number', key: 'layers', label: 'Hidden layers', min: 1, max: 3, step: 1, integer: true, default: 2, showIf: { view: ['compare'] } },
  { kind: 'number', key: 'pretrain', label: 'Pretraining minibatches per layer', min: 50, max: 2000, step: 50, integer: true, default: 250, showIf: { view: ['compare'] } },
  { kind: 'number', key: 'finetune', label: 'Fine-tuning minibatches', min: 50, max: 3000, step: 50, integer: true, default: 200, showIf: { view: ['compare'] },
    help: 'The same for every method.' },
  { kind: 'number', key: 'seeds', label: 'Seeds run one after another', min: 1, max: 5, step: 1, integer: true, default: 1, showIf: { view: ['compare'] },
    help: 'Runs the whole comparison from seeds seed, seed+1, ... and shows the mean and spread of each test error.' },
  seedParam,
]);

const compare = { view: 'compare', labels: 500, corruption: 0.25, hidden: 128, layers: 2, pretrain: 250, finetune: 200, seeds: 1, seed: 1 } as const;

export const meta = defineLesson({
  id: 'pretraining',
  title: 'Pretraining with auto-encoders',
  summary: 'Three ways to train a deep sigmoid network on real digits, side by side: no pretraining, greedy supervised layer-wise pretraining, and greedy (denoising) auto-encoder pretraining, each fine-tuned the same way.',
  order: 5,
  params,
  figures: ['race', 'curves', 'recon', 'filters', 'readout', 'code', 'equations'],
  scenes: [
    {
      title: 'Three ways to train a deep net',
      caption:
        'Press Play: a 784-128-128-10 sigmoid net trained three ways, and a shallow net. “This run” fills with their errors; “Published” holds Bengio et al.’s (2006).',
      params: compare,
      show: ['race', 'curves', 'equations'],
      claims: [
        {
          id: 'paper-order',
          text: 'On 16 of 20 seeds the deep net\u2019s test errors come in the paper\u2019s order: auto-encoder pretraining below greedy supervised pretraining below no pretraining.',
          at: 'end',
          key: 'test_error_supervised',
          holds: (m) => m.test_error_autoencoder < m.test_error_supervised && m.test_error_supervised < m.test_error_none,
          slow: true,
          maxSteps: 4000,
        },
        {
          id: 'ae-beats-none',
          text: 'Auto-encoder pretraining ends with a lower test error than no pretraining.',
          at: 'end',
          key: 'test_error_autoencoder',
          holds: (m) => m.test_error_autoencoder < m.test_error_none,
          slow: true,
          maxSteps: 4000,
        },
        {
          id: 'ae-lowest',
          text: 'On 19 of 20 seeds auto-encoder pretraining gives the lowest test error of the four nets, the shallow one included.',
          at: 'end',
          key: 'test_error_shallow',
          holds: (m) => METHOD_IDS.every((id) => id === 'autoencoder' || m.test_error_autoencoder < m[`test_error_${id}`]),
          slow: true,
          maxSteps: 4000,
        },
        {
          id: 'fit-not-generalize',
          text: 'Every net fits its labelled digits (training error below 6%) far better than it classifies digits it never trained on: its validation and test errors are at least 7 points higher.',
          at: 'end',
          key: 'train_error_none',
          holds: (m) =>
            METHOD_IDS.every((id) => m[`train_error_${id}`] < 0.06 && m[`valid_error_${id}`] - m[`train_error_${id}`] >= 0.07 && m[`test_error_${id}`] - m[`train_error_${id}`] >= 0.07),
          slow: true,
          maxSteps: 4000,
        },
      ],
    },
    {
      title: 'What the first auto-encoder learns',
      caption:
        'A plain auto-encoder (no corruption) is trained on layer 1 to reconstruct its input; the curve is its reconstruction error on 100 test digits it never trained on, measured before the first minibatch and every 25 after. Its first-layer weights are drawn as 28×28 images.',
      params: { ...compare, corruption: 0 },
      show: ['recon', 'filters', 'race'],
      claims: [
        {
          id: 'recon-falls',
          text: 'By the end of layer 1\u2019s 250 minibatches its held-out reconstruction error has fallen to less than a fifth of its value before training.',
          at: 'phase:layer 1',
          key: 'recon_l1_now',
          holds: (m) => m.recon_l1_first > 0 && m.recon_l1_now > 0 && m.recon_l1_now < m.recon_l1_first / 5,
          slow: true,
          maxSteps: 3000,
        },
      ],
    },
    {
      title: 'Denoising: restore what was masked',
      caption:
        'Half of every input is set to 0 (ν = 0.5); the auto-encoder is trained to minimize the cross-entropy between the clean digit x and its reconstruction r(x̃) from the masked copy x̃. The curve is the held-out reconstruction of the clean input from the clean input, the mean of (xⱼ − rⱼ(x))² over 100 test digits × 784 pixels; the grid shows r(x̃).',
      params: { ...compare, corruption: 0.5 },
      show: ['recon', 'filters', 'race'],
      claims: [
        {
          id: 'denoises',
          text: 'After layer 1\u2019s 250 minibatches its reconstruction from masked held-out digits is closer to the clean digits than the masked copies are: the mean of (rⱼ(x̃) − xⱼ)² is less than two thirds of the mean of (x̃ⱼ − xⱼ)².',
          at: 'phase:layer 1',
          key: 'denoise_error_l1',
          holds: (m) => m.denoise_error_l1 > 0 && m.masked_error_l1 > 0 && m.denoise_error_l1 < (2 / 3) * m.masked_error_l1,
          slow: true,
          maxSteps: 3000,
        },
      ],
    },
    {
      title: 'Before and after fine-tuning',
      caption:
        'After pretraining, only a soft-max read-out is trained on the frozen features; then fine-tuning trains every layer. The table shows both test errors for each method in this run.',
      params: compare,
      show: ['readout', 'race'],
      claims: [
        {
          id: 'random-readout-chance',
          text: 'On the random deep network\u2019s features the read-out stays near chance: above 65% test error (chance is 90%).',
          at: 'phase:read-out',
          key: 'readout_error_none',
          holds: (m) => m.readout_error_none > 0.65,
          slow: true,
          maxSteps: 4000,
        },
        {
          id: 'pretrained-readout',
          text: 'On the features of either greedy pretraining the read-out alone already makes less than 25% test error.',
          at: 'phase:read-out',
          key: 'readout_error_autoencoder',
          holds: (m) => m.readout_error_supervised < 0.25 && m.readout_error_autoencoder < 0.25,
          slow: true,
          maxSteps: 4000,
        },
        {
          id: 'shallow-random-readout',
          text: 'A read-out of the random shallow net\u2019s one layer does better than a read-out of the random deep net\u2019s top layer, by more than 10 points.',
          at: 'phase:read-out',
          key: 'readout_error_shallow',
          holds: (m) => m.readout_error_none - m.readout_error_shallow > 0.1,
          slow: true,
          maxSteps: 4000,
        },
      ],
    },
    {
      title: 'Three seeds: is the difference real?',
      caption: 'The whole comparison from seeds 1, 2 and 3 in turn; the table shows each method\u2019s mean and spread. A difference smaller than the spread is not a result.',
      params: { ...compare, seeds: 3 },
      show: ['race', 'curves'],
    },
    {
      title: 'A 2-D code',
      caption: 'A deep auto-encoder squeezes each digit through 2 units; the points are the codes of test digits, coloured by their class, moving as it trains. No labels are used.',
      params: { view: 'code', seed: 1 },
      show: ['code'],
    },
  ],
});
