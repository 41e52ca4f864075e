/**
 * The one zustand store, in slices: the lesson's controls (params, scene,
 * speed) and the live run (what the worker last said). Components select
 * narrow slices so a metrics message re-renders only what shows metrics.
 */
import { create } from 'zustand';
import type { BackendName } from '../engine/backend';
import type { BackendChoice, FrameData } from '../engine/worker/protocol';
import type { Values } from './params';

export type { BackendChoice };

export interface History {
  step: number[];
  values: Record<string, number[]>;
}

export interface RunSlice {
  backend: BackendName | null;
  backendNote: string | null;
  /** Threads of the cpu matrix multiply and its kernel, from the worker's ready message. */
  threads: number;
  simd: 'relaxed' | 'plain' | 'js' | null;
  playing: boolean;
  done: boolean;
  phase: string;
  step: number;
  metrics: Record<string, number>;
  history: History;
  frame: FrameData | null;
  /** An error or divergence message shown with a Reset. */
  alert: { kind: 'error' | 'diverged'; message: string } | null;
}

export interface LessonSlice {
  lessonId: string | null;
  params: Values;
  scene: number;
  /** The figures the current scene shows (its `show` list); null shows every figure (the free playground). */
  show: readonly string[] | null;
  backendChoice: BackendChoice;
  /** Notes about rejected input (bad query values), shown until dismissed. */
  notes: string[];
  stepsPerSecond: number;
  /** Presenter mode: full screen, large type, prose hidden, keyboard stepping. */
  presenting: boolean;
  /** Presenter mode's compact controls panel over the figure (key c). */
  controlsOpen: boolean;
  /**
   * Presenter mode: how many of the scene's `show` figures fit one screen
   * without shrinking below a readable zoom (null: all). The stage drops
   * figures from the end of the list, never shrinks them past that.
   */
  presentLimit: number | null;
}

export type State = RunSlice & LessonSlice;

export const emptyHistory = (): History => ({ step: [], values: {} });

export const initialRun: RunSlice = {
  backend: null,
  backendNote: null,
  threads: 1,
  simd: null,
  playing: false,
  done: false,
  phase: '',
  step: 0,
  metrics: {},
  history: emptyHistory(),
  frame: null,
  alert: null,
};

export const useStore = create<State>()(() => ({
  ...initialRun,
  lessonId: null,
  params: {},
  scene: -1,
  show: null,
  backendChoice: 'auto',
  notes: [],
  stepsPerSecond: defaultSpeed(),
  presenting: false,
  controlsOpen: false,
  presentLimit: null,
}));

/** Steps per second a lesson starts at: slower for readers who ask for reduced motion. */
export function defaultSpeed(): number {
  const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  return reduce ? 30 : 100;
}

/** Longest curve kept; older points are thinned by half when it is reached. */
const MAX_POINTS = 1500;

/** Appends one metrics message to the history (a step that goes back means a new run). */
export function appendHistory(h: History, step: number, values: Record<string, number>): History {
  const last = h.step[h.step.length - 1];
  if (last !== undefined && step < last) h = emptyHistory();
  // the same step again is a re-post (new values after a change, or a rebuilt run still at step 0): it replaces the point
  if (last === step && h.step.length > 0) {
    const values: Record<string, number[]> = {};
    for (const [k, arr] of Object.entries(h.values)) values[k] = arr.slice(0, -1);
    h = { step: h.step.slice(0, -1), values };
  }
  const next: History = { step: [...h.step, step], values: { ...h.values } };
  for (const [k, v] of Object.entries(values)) {
    if (k === 'step') continue;
    const arr = next.values[k] ?? new Array(next.step.length - 1).fill(NaN);
    next.values[k] = [...arr, v];
  }
  if (next.step.length > MAX_POINTS) {
    const keep = (_: unknown, i: number) => i % 2 === 0 || i === next.step.length - 1;
    next.step = next.step.filter(keep);
    for (const k of Object.keys(next.values)) next.values[k] = next.values[k].filter(keep);
  }
  return next;
}
