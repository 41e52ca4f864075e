/** The pretraining lesson's typed values, frames and constants, shared by its experiment (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type PretrainingParams = ValuesOf<typeof params>;

/**
 * The methods, in table order, with their labels: the deep net trained three ways (Gormley, CMU 10-601,
 * Deep Learning: "Idea #1/#2/#3"), and the shallow net of Bengio et al. 2006, Table 1 (one hidden layer,
 * trained supervised only).
 */
export const METHOD_IDS = ['none', 'supervised', 'autoencoder', 'shallow'] as const;
export const METHOD_LABELS = ['No pretraining', 'Greedy supervised pretraining', 'Greedy auto-encoder pretraining', 'Shallow net (one hidden layer)'] as const;
/** The deep net's three methods (the first three of METHOD_IDS). */
export const DEEP = 3;

/** The phases a method goes through, in order (its phase bar); the shallow net has no pretraining. */
export function phasesOf(method: string, layers: number): string[] {
  const pre = method === 'none' || method === 'shallow' ? [] : Array.from({ length: layers }, (_, k) => `layer ${k + 1}`);
  return [...pre, 'read-out', 'fine-tune'];
}

/** The comparison's phase as the page shows it: the auto-encoder run's phase, with the seed when several run. */
export function phaseLabel(f: Partial<PretrainingFrame> | null): string {
  if (!f?.phaseIndex || !f.layers || !f.seedOf) return '';
  const [s, n] = f.seedOf;
  if (s >= n) return 'finished';
  const phases = phasesOf('autoencoder', f.layers[0]);
  const ph = phases[f.phaseIndex[2]] ?? 'finished';
  return n > 1 ? `seed ${s + 1}/${n}: ${ph}` : ph;
}

/** Minibatch size of every stage. */
export const BATCH = 32;
/** Minibatches of the linear read-out on the frozen features (before fine-tuning). */
export const READOUT_STEPS = 100;
/** Adam step sizes: pretraining, read-out, fine-tuning. */
export const LR_PRETRAIN = 0.01;
export const LR_READOUT = 0.03;
export const LR_FINETUNE = 0.002;
/** First-layer filters shown per method, and digits in the reconstruction grid. */
export const FILTERS_SHOWN = 24;
export const GRID_DIGITS = 8;

/** The 2-D code view: a 784-CODE_HIDDEN-2-CODE_HIDDEN-784 auto-encoder trained end to end. */
export const CODE_HIDDEN = 128;
export const CODE_STEPS = 1500;
export const CODE_POINTS = 600;
export const CODE_EVERY = 50;
export const LR_CODE = 0.003;

/**
 * Bengio, Lamblin, Popovici & Larochelle (NIPS 2006), Table 1, MNIST test error
 * (%), as Gormley's CMU 10-601 lecture (Deep Learning) reproduces it. The paper's numbers, not this page's.
 */
export const PUBLISHED = [
  { label: 'Deep net, no pretraining', error: 2.4 },
  { label: 'Deep net, greedy supervised pretraining', error: 2.0 },
  { label: 'Deep net, greedy auto-encoder pretraining', error: 1.4 },
  { label: 'Shallow net (one hidden layer)', error: 1.9 },
  { label: 'Deep belief net (RBM pretraining)', error: 1.2 },
] as const;

export type PretrainingFrame = {
  /** Per method (table order): index of its current phase in its phase list, and the fraction of that phase done. */
  phaseIndex: Float32Array;
  phaseProgress: Float32Array;
  /** Number of hidden layers the phase lists were built for. */
  layers: number[];
  /** [seed index (0-based), seeds asked]: the run loop posts phase names only on play, pause and finish, so the page reads progress from frames. */
  seedOf: number[];
  /** Per finished seed, per method: test error after fine-tuning and of the read-out before it ([seeds, methods], NaN = not yet). */
  testErrors: Float32Array;
  readoutErrors: Float32Array;
  /** Held-out reconstruction error of auto-encoder layer k as [unit, error] pairs. */
  recon0: Float32Array;
  recon1: Float32Array;
  recon2: Float32Array;
  /** Fine-tuning loss per method as [unit, loss] pairs. */
  fine0: Float32Array;
  fine1: Float32Array;
  fine2: Float32Array;
  fine3: Float32Array;
  /** First-layer weights of FILTERS_SHOWN units per method, each 784 values ([FILTERS_SHOWN, 784]). */
  filters0: Float32Array;
  filters1: Float32Array;
  filters2: Float32Array;
  filters3: Float32Array;
  /** The auto-encoder run's pictures: GRID_DIGITS held-out digits, their corrupted copies and reconstructions, [3, GRID_DIGITS, 784]. */
  grid: Float32Array;
  /** Which layer the grid shows (1-based), and the masked fraction actually drawn in it. */
  gridLayer: number[];
  /** 2-D code view: codes of CODE_POINTS test digits ([n, 2]) and their labels. */
  codes: Float32Array;
  codeLabels: Float32Array;
};
