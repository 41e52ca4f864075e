/**
 * The lesson contract: what a lesson author declares in `meta.ts` (a typed
 * params schema and the scenes) and what every lesson page receives.
 */
import type { Claim } from './claims';
import type { Param, ValuesOf } from './params';

export interface Scene<V = Record<string, number | string | boolean>, F extends string = string> {
  title: string;
  /** The lesson's voice for this scene: what to look at, what the live run shows. Plain text. */
  caption?: string;
  /** Every parameter the scene depends on (a scene fixes them, so it looks the same whatever came before). */
  params?: Partial<V>;
  /** The figures in view (ids the page passes to <Figure id>); the first is the main one. All when absent. */
  show?: readonly F[];
  /**
   * A question for the class, shown above the caption (and in its place while
   * results are hidden) so the class commits to a guess before Play. Plain
   * text; it asks, never asserts a result.
   */
  question?: string;
  /** Presenter mode opens this scene with its results hidden (predict, then reveal). */
  predict?: boolean;
  /**
   * The scene's result sentences as measured claims (src/ui/claims.ts): shown
   * after the caption with their state in this run and their rate over seeds.
   * The caption itself states no result that is not one of these or a live readout.
   */
  claims?: readonly Claim[];
}

export interface LessonMeta<S extends readonly Param[] = readonly Param[], F extends string = string> {
  id: string;
  title: string;
  summary: string;
  order: number;
  params: S;
  scenes: readonly Scene<ValuesOf<S>, NoInfer<F>>[];
  /**
   * Every figure id the page can show (the free playground shows them all).
   * The ids are inferred from this list alone (`show` uses NoInfer), so a
   * scene's `show` and the lesson's `<Figure id>` (through figureFor(meta))
   * are checked against it at compile time.
   */
  figures?: readonly F[];
  /** About how many minutes the lesson takes (the home page shows it; else about three per scene). */
  minutes?: number;
}

/** Declares a lesson: keeps the schema's and the figure list's literal types so scenes are checked against them. */
export function defineLesson<const S extends readonly Param[], const F extends string = string>(meta: LessonMeta<S, F>): LessonMeta<S, F> {
  return meta;
}

/** The figure ids a lesson declares (`figures`), as a union of literals. */
export type FigureIdOf<M> = M extends LessonMeta<readonly Param[], infer F> ? F : string;

/** What every lesson page receives; `view` says which chrome surrounds it. */
export interface LessonPageProps {
  view: 'full' | 'embed' | 'presenter';
}

/** A scene's parameters as plain values (keys it leaves unset are absent). */
export function sceneParams(meta: LessonMeta, n: number): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(meta.scenes[n]?.params ?? {})) if (v !== undefined) out[k] = v;
  return out;
}
