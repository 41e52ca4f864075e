import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';

/** Every control of the lesson; PretrainingParams is derived from it. */
export const params = defineParams([
  {
    kind: 'choice', key: 'view', label: 'Experiment', options: ['compare', 'code'],
    labels: ['Three methods side by side', '2-D code of a deep auto-encoder'], default: 'compare',
  },
  { kind: 'number', key: 'labels', label: 'Labelled training digits', min: 250, max: 8000, step: 250, integer: true, default: 500, showIf: { view: ['compare'] },
    help: 'Greedy supervised pretraining and fine-tuning see only these; the auto-encoders see all 8,000 training digits without labels.' },
  { kind: 'number', key: 'corruption', label: 'Corruption ν (masked fraction)', min: 0, max: 0.75, step: 0.05, default: 0.25, showIf: { view: ['compare'] },
    help: 'Each input value of an auto-encoder is set to 0 with this probability; 0 gives a plain auto-encoder.' },
  { kind: 'number', key: 'hidden', label: 'Units per hidden layer', min: 64, max: 256, step: 32, integer: true, default: 128, showIf: { view: ['compare'] } },
  { kind: 'number', key: 'layers', label: 'Hidden layers', min: 1, max: 3, step: 1, integer: true, default: 2, showIf: { view: ['compare'] } },
  { kind: 'number', key: 'pretrain', label: 'Pretraining minibatches per layer', min: 50, max: 2000, step: 50, integer: true, default: 250, showIf: { view: ['compare'] } },
  { kind: 'number', key: 'finetune', label: 'Fine-tuning minibatches', min: 50, max: 3000, step: 50, integer: true, default: 200, showIf: { view: ['compare'] },
    help: 'The same for all three methods.' },
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
      caption: 'Press Play: one 784-128-128-10 sigmoid network, one seed, one fine-tuning budget, trained three ways. The table fills with the test errors this run measures, beside the ones Bengio et al. published in 2006.',
      params: compare,
      show: ['race', 'curves', 'equations'],
    },
    {
      title: 'What the first auto-encoder learns',
      caption: 'A plain auto-encoder (no corruption) learns to reconstruct digits it never trained on: its held-out reconstruction error falls as layer 1 trains. Its first-layer weights are drawn as 28×28 images.',
      params: { ...compare, corruption: 0 },
      show: ['recon', 'filters', 'race'],
    },
    {
      title: 'Denoising: restore what was masked',
      caption: 'Half of every input is set to 0 (ν = 0.5); the auto-encoder is scored on how well it restores the clean digit, ‖x − r(x̃)‖².',
      params: { ...compare, corruption: 0.5 },
      show: ['recon', 'filters', 'race'],
    },
    {
      title: 'Before and after fine-tuning',
      caption: 'After pretraining, only a soft-max read-out is trained on the frozen features; then fine-tuning trains every layer. On the random network\u2019s features the read-out stays near chance (above 75% test error for seeds 1\u20133); the table shows what pretrained features give in this run.',
      params: compare,
      show: ['readout', 'race'],
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
