import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';

/** Every control of the lesson; the experiment's LstmParams type is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'race',
    label: 'Race',
    options: ['cells', 'bias'],
    labels: ['RNN vs LSTM vs GRU', 'LSTM: forget bias 0 vs 1'],
    default: 'cells',
  },
  { kind: 'number', key: 'length', label: 'Sequence length T', min: 5, max: 50, step: 1, integer: true, default: 20,
    help: 'The answer is the first symbol; T - 1 random symbols follow it.' },
  { kind: 'number', key: 'hidden', label: 'Units per cell', min: 4, max: 32, step: 1, integer: true, default: 16 },
  { kind: 'number', key: 'lr', label: 'Learning rate (Adam)', min: 0.0005, max: 0.05, log: true, default: 0.005 },
  { kind: 'number', key: 'forgetBias', label: 'LSTM forget-gate bias at init', min: 0, max: 3, step: 0.5, default: 1, showIf: { race: ['cells'] } },
  { kind: 'bool', key: 'clip', label: 'Clip the gradient norm', default: true },
  { kind: 'number', key: 'clipNorm', label: 'Clipping threshold r', min: 0.1, max: 100, log: true, default: 1, showIf: { clip: [true] } },
  { kind: 'text', key: 'probe', label: 'Your sequence (A-D; empty: one drawn from the task)', chars: 'A-D', maxLength: 60, default: '', control: true },
  seedParam,
]);

export const meta = defineLesson({
  id: 'lstm',
  title: 'LSTM gates',
  summary: 'Step through an LSTM cell, then race a plain RNN, an LSTM and a GRU on a task whose answer lies at the start of a long sequence.',
  order: 7,
  params,
  figures: ['race', 'cell', 'heatmaps', 'probe', 'vanishing', 'equations'],
  scenes: [
    {
      title: 'The race on a long dependency',
      caption:
        'The answer is the first of 20 symbols (chance 25%). Press Play: an RNN, an LSTM and a GRU of 16 units train from one seed on the same minibatches. Tested on seeds 1-3: after 200 steps the LSTM scores above 0.9 on held-out sequences, the RNN below 0.35.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['race', 'vanishing'],
    },
    {
      title: 'The cell, step by step',
      caption: 'One LSTM unit at one time step: step through the sequence and watch the forget, input and output gates, the candidate and the cell state.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['cell', 'heatmaps', 'probe'],
    },
    {
      title: 'Your own sequence',
      caption: 'Type or click symbols, train, then step through them: watch which units change their cell state s at the first symbol, and what their forget gates f do on the symbols after it.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, clip: true, clipNorm: 1, probe: 'CABDDBACDBBADCABDACB', seed: 1 },
      show: ['probe', 'heatmaps', 'cell'],
    },
    {
      title: 'Vanishing through time',
      caption: 'Solid: the size of dL/dh_t for every t on the live minibatch (log scale). Dashed: the product of the LSTM\'s forget gates from t+1 to T, the factor on the path along the cell state; every f is below 1, so it decays with distance too.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['vanishing', 'race'],
    },
    {
      title: 'Forget-gate bias: 0 or 1',
      caption:
        'Two LSTMs that differ only in the initial forget bias b_f, at length 20. Tested on seeds 1-3: after 200 steps b_f = 1 scores above 0.9 on held-out sequences, b_f = 0 below 0.35 (chance is 0.25).',
      params: { race: 'bias', length: 20, hidden: 16, lr: 0.005, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['race', 'vanishing'],
      // test/lessons/lstm-race.test.ts, seeds 1-3: b_f = 1 beats 0 after 200 steps
      question: 'Two LSTMs, forget-gate bias 0 and 1: which will have learned the first symbol after 200 steps?',
      predict: true,
    },
    {
      title: 'Gradient clipping',
      caption: 'Clipping rescales the whole gradient g to length r when ||g|| > r. The readouts show each model\'s ||g|| before clipping; turn clipping off to compare.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['race', 'vanishing'],
    },
    {
      title: 'The equations the code runs',
      caption: 'RNN, LSTM and GRU as the engine computes them, with the live values of one unit at the shown step.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['equations', 'cell'],
    },
  ],
});
