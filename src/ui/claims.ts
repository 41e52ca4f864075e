/**
 * Claims: a scene's result sentences, declared as data beside its caption and
 * measured. Each says when it is judged (at a step, when a phase ends, at the
 * end of the run) and a predicate over the run's metrics at that moment. The
 * same declaration is judged by `npm run claims` over many seeds in Node and
 * live on the student's own run in the page, so a caption never states what
 * its own run contradicts.
 *
 * A predicate sees only the metrics at its moment, never a sampled history:
 * the page receives metrics throttled, Node sees every step, and both must
 * judge alike. A result about a stretch of training ("reaches 95% within
 * 1,500 steps", "the distance averaged over the last 200 steps") is a metric
 * the experiment keeps itself (best accuracy so far, a running mean).
 */
import type { Mark } from '../engine/worker/protocol';

export type Metrics = Record<string, number>;

export interface Claim {
  /** Unique within its lesson; the DOM's data-claim. */
  id: string;
  /**
   * The sentence the caption shows. A result that does not hold on every
   * seed states its measured rate in the words "on k of n seeds" (from
   * `npm run claims`); without them the claim says it holds on every seed.
   */
  text: string;
  /** When it is judged: after step N, when the phase of that name ends ('phase:fine-tune'), or when the run is done ('end'). */
  at: Mark;
  /** Whether the claim held, from the metrics at its moment. */
  holds: (m: Metrics) => boolean;
  /** The metric that tells one run from another in "Run 5 seeds" and the claims table (e.g. 'accuracy'). */
  key?: string;
  /** Too slow for the 5-seed check inside `npm test` (it still runs in `npm run claims`). */
  slow?: boolean;
  /** A run that never reaches its moment (an 'end' that never comes) is stopped after this many steps and counts as missed. */
  maxSteps?: number;
}

/** The rate a claim's text states, [k, n]; null when it states none (it claims every seed). */
export function statedRate(text: string): [number, number] | null {
  const m = /\bon (\d+) of (\d+) seeds\b/i.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The stated rate over `n` seeds: the text's own fraction, or n of n. */
export function statedOver(c: Claim, n: number): [number, number] {
  return statedRate(c.text) ?? [n, n];
}

/**
 * Whether k holds of n judged runs are consistent with the claim's text: a
 * full-count claim must hold on every seed; a rate of K of N allows at most
 * N - K misses in N seeds (in fewer seeds, no more misses than that either,
 * so a 5-seed check can catch a claim that has got worse).
 */
export function consistent(c: Claim, held: number, n: number): boolean {
  const rate = statedRate(c.text);
  if (!rate) return held === n;
  const [k, total] = rate;
  if (n === total) return held >= k;
  if (n < total) return n - held <= total - k;
  return held / n >= k / total;
}

/** Every moment at which a claim of the list is judged, without repeats. */
export function marksOf(claims: readonly Claim[]): Mark[] {
  return [...new Set(claims.map((c) => c.at))];
}

/** The step count after which a run has passed every numbered mark (a run's stopping point, with maxSteps for the others; at least 1). */
export function lastStepMark(claims: readonly Claim[]): number {
  let max = 1;
  for (const c of claims) {
    if (typeof c.at === 'number') max = Math.max(max, c.at);
    else max = Math.max(max, c.maxSteps ?? 0);
  }
  return max;
}

/** Judges one claim on the metrics of its moment; a predicate that throws counts as missed. */
export function judge(c: Claim, m: Metrics | undefined): boolean {
  if (!m) return false;
  try {
    return !!c.holds(m);
  } catch {
    return false;
  }
}

/** Judges every claim on a run's metrics at its marks (keyed by String(mark)): whether each held and its key metric where it has one. */
export function judgeRun(claims: readonly Claim[], results: Record<string, Metrics>): { held: Record<string, boolean>; keys: Record<string, number> } {
  const held: Record<string, boolean> = {};
  const keys: Record<string, number> = {};
  for (const c of claims) {
    const m = results[String(c.at)];
    held[c.id] = judge(c, m);
    if (c.key && m && m[c.key] !== undefined) keys[c.id] = m[c.key];
  }
  return { held, keys };
}
