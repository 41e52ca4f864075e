/**
 * "Run 5 seeds": the scene replayed on the next seeds, headless in a worker
 * of its own, one seed after another, each judged by the scene's claims, so a
 * class sees the spread of outcomes instead of one lucky (or unlucky) run.
 */
import { create } from 'zustand';
import { judgeRun, lastStepMark, marksOf, type Claim } from '../../ui/claims';
import { sceneParams, type LessonMeta } from '../../ui/lesson';
import { useStore } from '../../ui/store';
import { runTrial, stopTrials } from '../trialWorker';

export interface SeedRunRow {
  seed: number;
  held: Record<string, boolean>;
  keys: Record<string, number>;
}

export interface SeedRuns {
  /** The scene the rows belong to (-1: none). */
  scene: number;
  rows: SeedRunRow[];
  /** The seeds being run, while running. */
  queue: number[];
  /** Progress of the seed being trained: step of steps. */
  progress: { seed: number; step: number; of: number } | null;
  error: string | null;
}

export const SEEDS_PER_BATCH = 5;
export const useSeedRuns = create<SeedRuns>(() => ({ scene: -1, rows: [], queue: [], progress: null, error: null }));

/** Clears the rows (a new scene) and stops a batch in flight. */
export function clearSeedRuns(): void {
  stopTrials();
  useSeedRuns.setState({ scene: -1, rows: [], queue: [], progress: null, error: null });
}

/** Runs scene `scene` on the next SEEDS_PER_BATCH seeds after the live run's seed (or after the last seed already listed). */
export async function runMoreSeeds(meta: LessonMeta, scene: number): Promise<void> {
  const claims: readonly Claim[] = meta.scenes[scene]?.claims ?? [];
  if (!claims.length || useSeedRuns.getState().queue.length) return;
  const prior = useSeedRuns.getState();
  const rows = prior.scene === scene ? prior.rows : [];
  const live = useStore.getState().params.seed;
  const start = Math.max(typeof live === 'number' ? live : 0, ...rows.map((r) => r.seed)) + 1;
  const queue = Array.from({ length: SEEDS_PER_BATCH }, (_, i) => start + i);
  useSeedRuns.setState({ scene, rows, queue, progress: null, error: null });
  const base = { ...useStore.getState().params, ...sceneParams(meta, scene) };
  const marks = marksOf(claims);
  const maxSteps = lastStepMark(claims);
  for (const seed of queue) {
    try {
      const out = await runTrial(meta.id, { ...base, seed }, marks, maxSteps, (step, of) => {
        if (useSeedRuns.getState().scene === scene) useSeedRuns.setState({ progress: { seed, step, of } });
      });
      if (useSeedRuns.getState().scene !== scene) return;
      const { held, keys } = judgeRun(claims, out.results);
      useSeedRuns.setState((s) => ({ rows: [...s.rows, { seed, held, keys }], queue: s.queue.filter((q) => q !== seed) }));
    } catch (e) {
      if (useSeedRuns.getState().scene !== scene) return;
      useSeedRuns.setState({ queue: [], progress: null, error: e instanceof Error && e.message !== 'stopped' ? `Seed ${seed} could not run: ${e.message}` : null });
      return;
    }
  }
  useSeedRuns.setState({ progress: null });
}
