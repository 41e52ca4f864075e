import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';

/** Every control of the lesson; the experiment's LstmParams type is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'race',
    label: 'Race',
    options: ['cells', 'bias', 'clip'],
    labels: ['RNN vs LSTM vs GRU', 'LSTM: forget bias 0 vs 1 vs 2', 'LSTM: clipped vs not'],
    default: 'cells',
  },
  { kind: 'number', key: 'length', label: 'Sequence length T', min: 5, max: 50, step: 1, integer: true, default: 20,
    help: 'The answer is the first symbol; T - 1 random symbols follow it.' },
  { kind: 'number', key: 'hidden', label: 'Units per cell', min: 4, max: 32, step: 1, integer: true, default: 16 },
  { kind: 'number', key: 'lr', label: 'Learning rate (Adam)', min: 0.0005, max: 0.05, log: true, default: 0.005 },
  { kind: 'number', key: 'forgetBias', label: 'LSTM forget-gate bias at init', min: 0, max: 3, step: 0.5, default: 1, showIf: { race: ['cells'] } },
  { kind: 'number', key: 'gruBias', label: 'GRU update-gate bias at init', min: 0, max: 3, step: 0.5, default: 1, showIf: { race: ['cells'] },
    help: 'b_u of the gate u that keeps h (u = 1 - z): 0 starts u near 0.5, so half the state leaks away each step; 1 starts it near 0.73, as b_f = 1 does for the LSTM.' },
  { kind: 'bool', key: 'clip', label: 'Clip the gradient norm', default: true, showIf: { race: ['cells', 'bias'] } },
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
        'The answer is the first of 30 symbols (chance 25%). Press Play: an RNN, an LSTM and a GRU of 16 units on the same minibatches; the LSTM\'s forget gate and the GRU\'s update gate start at bias 2 (they keep most of their state).',
      params: { race: 'cells', length: 30, hidden: 16, lr: 0.005, forgetBias: 2, gruBias: 2, clip: true, clipNorm: 1, probe: '', seed: 1 },
      claims: [
        {
          id: 'race-lstm-learns',
          text: 'On 17 of 20 seeds the LSTM scores above 0.9 on held-out sequences after 500 steps.',
          at: 500,
          key: 'acc_lstm',
          holds: (m) => m.acc_lstm > 0.9,
          slow: true,
        },
        {
          id: 'race-gru-learns',
          text: 'After 500 steps the GRU scores above 0.9 too.',
          at: 500,
          key: 'acc_gru',
          holds: (m) => m.acc_gru > 0.9,
          slow: true,
        },
        {
          id: 'race-rnn-stuck',
          text: 'On 14 of 20 seeds the plain RNN is still below 0.5 after 500 steps.',
          at: 500,
          key: 'acc_rnn',
          holds: (m) => m.acc_rnn < 0.5,
          slow: true,
        },
      ],
      show: ['race', 'vanishing'],
    },
    {
      title: 'The cell, step by step',
      caption: 'One LSTM unit at one time step: step through the sequence and watch the forget, input and output gates, the candidate and the cell state.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, gruBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['cell', 'heatmaps', 'probe'],
    },
    {
      title: 'Your own sequence',
      caption: 'Type or click symbols, train, then step through them: watch which units change their cell state s at the first symbol, and what their forget gates f do on the symbols after it.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, gruBias: 1, clip: true, clipNorm: 1, probe: 'CABDDBACDBBADCABDACB', seed: 1 },
      show: ['probe', 'heatmaps', 'cell'],
    },
    {
      title: 'Vanishing through time',
      caption:
        'The race of the first scene. Solid: the size of dL/dh_t for every t on the live minibatch (log scale). Dashed: the product of the LSTM\'s forget gates from t+1 to T, the factor on the path along the cell state; every f is below 1.',
      params: { race: 'cells', length: 30, hidden: 16, lr: 0.005, forgetBias: 2, gruBias: 2, clip: true, clipNorm: 1, probe: '', seed: 1 },
      claims: [
        {
          id: 'rnn-gradient-vanishes',
          text: 'On 17 of 20 seeds, at step 100, the gradient reaching the plain RNN\'s first step is below 1/100 of the one at its last step.',
          at: 100,
          key: 'hgrad1_rnn',
          holds: (m) => m.hgrad1_rnn < 0.01,
        },
        {
          id: 'forget-product-decays',
          text: 'At step 100 the LSTM\'s product of forget gates from step 2 to T, averaged over its units, is below 0.3: the gated path decays with distance too.',
          at: 100,
          key: 'fprod1_lstm',
          holds: (m) => m.fprod1_lstm < 0.3,
        },
      ],
      show: ['vanishing', 'race'],
    },
    {
      title: 'Forget-gate bias: 0, 1 or 2',
      caption:
        'Three LSTMs that differ only in the initial forget bias b_f, on the first scene\'s task (length 30; chance is 0.25). With b_f = 0 the forget gate starts near 0.5: at first the cell state keeps only about half of itself from one step to the next.',
      params: { race: 'bias', length: 30, hidden: 16, lr: 0.005, clip: true, clipNorm: 1, probe: '', seed: 1 },
      claims: [
        {
          id: 'bias0-stuck',
          text: 'After 500 steps b_f = 0 is still below 0.35 on held-out sequences.',
          at: 500,
          key: 'acc_lstm_b0',
          holds: (m) => m.acc_lstm_b0 < 0.35,
          slow: true,
        },
        {
          id: 'bias2-learns',
          text: 'On 17 of 20 seeds b_f = 2 is above 0.9 after 500 steps.',
          at: 500,
          key: 'acc_lstm_b2',
          holds: (m) => m.acc_lstm_b2 > 0.9,
          slow: true,
        },
        {
          id: 'bias1-sometimes',
          text: 'b_f = 1 is above 0.9 after 500 steps on 4 of 20 seeds.',
          at: 500,
          key: 'acc_lstm_b1',
          holds: (m) => m.acc_lstm_b1 > 0.9,
          slow: true,
        },
      ],
      show: ['race', 'vanishing'],
      question: 'Three LSTMs, forget-gate bias 0, 1 and 2: which will have learned the first symbol after 500 steps?',
      predict: true,
    },
    {
      title: 'Gradient clipping',
      caption:
        'Clipping rescales the whole gradient g to length r when ||g|| > r. Two LSTMs with the lesson\'s default settings (length 20, b_f = 1, Adam 0.005) start from one seed and train on the same minibatches, one clipped at r = 1, one not. The readouts show each model\'s ||g|| before clipping.',
      params: { race: 'clip', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      claims: [
        {
          id: 'clipped-learns',
          text: 'On 14 of 20 seeds the clipped LSTM scores above 0.9 on held-out sequences after 600 steps.',
          at: 600,
          key: 'acc_lstm_clip',
          holds: (m) => m.acc_lstm_clip > 0.9,
          slow: true,
        },
        {
          id: 'unclipped-behind',
          text: 'On 7 of 20 seeds the unclipped LSTM is still below 0.9 after 600 steps.',
          at: 600,
          key: 'acc_lstm_noclip',
          holds: (m) => m.acc_lstm_noclip < 0.9,
          slow: true,
        },
        {
          id: 'gradient-spikes',
          text: 'Both meet gradient norms above 3 (three times r) within those 600 steps.',
          at: 600,
          key: 'gmax_lstm_clip',
          holds: (m) => m.gmax_lstm_clip > 3 && m.gmax_lstm_noclip > 3,
          slow: true,
        },
      ],
      show: ['race', 'vanishing'],
    },
    {
      title: 'The equations the code runs',
      caption: 'RNN, LSTM and GRU as the engine computes them, with the live values of one unit at the shown step.',
      params: { race: 'cells', length: 20, hidden: 16, lr: 0.005, forgetBias: 1, gruBias: 1, clip: true, clipNorm: 1, probe: '', seed: 1 },
      show: ['equations', 'cell'],
    },
  ],
});
