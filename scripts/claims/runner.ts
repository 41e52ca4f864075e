/**
 * Runs the claims of the lessons' scenes with each lesson's own experiment
 * code, in Node on the cpu backend, over a list of seeds: the engine of
 * `npm run claims` and of the 5-seed check in `npm test`.
 */
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lessonExperiment, type ExperimentModule } from '../../src/lessons/experimentEntry';
import type { ExperimentFactory } from '../../src/engine/worker/experiment';
import { runToMarks } from '../../src/engine/worker/trial';
import { cpuBackend } from '../../src/engine/backends/cpu';
import { setBackend } from '../../src/engine/engine';
import { consistent, judgeRun, lastStepMark, marksOf, statedOver, type Claim } from '../../src/ui/claims';
import { sceneParams, type LessonMeta } from '../../src/ui/lesson';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LessonEntry {
  meta: LessonMeta;
  factory: ExperimentFactory;
}

/** Every lesson folder with a meta.ts and an experiment.ts, in lesson order. */
export async function loadLessons(only?: string): Promise<LessonEntry[]> {
  const dir = join(ROOT, 'src', 'lessons');
  const out: LessonEntry[] = [];
  for (const id of readdirSync(dir)) {
    if (only && id !== only) continue;
    const metaFile = join(dir, id, 'meta.ts');
    const expFile = join(dir, id, 'experiment.ts');
    if (!existsSync(metaFile) || !existsSync(expFile)) continue;
    const { meta } = (await import(pathToFileURL(metaFile).href)) as { meta: LessonMeta };
    const mod = (await import(pathToFileURL(expFile).href)) as ExperimentModule<never>;
    out.push({ meta, factory: lessonExperiment(meta.params, mod.experiment as ExperimentFactory<never>) });
  }
  return out.sort((a, b) => a.meta.order - b.meta.order);
}

/** One scene's claims judged on one seed. */
export interface SeedRun {
  seed: number;
  held: Record<string, boolean>;
  /** Each claim's key metric at its moment (absent when it has none or the moment never came). */
  key: Record<string, number>;
  steps: number;
}

/** Runs scene `n` of a lesson on one seed to its claims' moments and judges them. */
export async function runScene(entry: LessonEntry, n: number, seed: number, claims: readonly Claim[] = entry.meta.scenes[n].claims ?? []): Promise<SeedRun> {
  setBackend(cpuBackend);
  const params = { ...sceneParams(entry.meta, n), seed };
  const exp = await entry.factory(params, { backend: 'cpu' });
  try {
    const { results, steps } = await runToMarks(exp, marksOf(claims), lastStepMark(claims));
    const { held, keys } = judgeRun(claims, results);
    return { seed, held, key: keys, steps };
  } finally {
    exp.dispose?.();
  }
}

/** A claim's row in the table. */
export interface ClaimRow {
  lesson: string;
  scene: number;
  sceneTitle: string;
  claim: string;
  text: string;
  stated: [number, number];
  held: [number, number];
  missed: number[];
  ok: boolean;
  keys: Record<number, number>;
}

export interface RunOptions {
  seeds: number[];
  lesson?: string;
  /** A scene number (1-based, as the page shows it) or the start of its title. */
  scene?: string;
  /** Only claims not marked slow (the part of the run inside `npm test`). */
  fastOnly?: boolean;
  onRow?: (row: ClaimRow) => void;
}

function sceneMatches(meta: LessonMeta, i: number, scene?: string): boolean {
  if (!scene) return true;
  if (/^\d+$/.test(scene)) return Number(scene) === i + 1;
  return meta.scenes[i].title.toLowerCase().startsWith(scene.toLowerCase());
}

/** Runs every selected claim over the seeds; one row per claim. */
export async function runClaims(opts: RunOptions): Promise<ClaimRow[]> {
  const rows: ClaimRow[] = [];
  for (const entry of await loadLessons(opts.lesson)) {
    const { meta } = entry;
    for (let i = 0; i < meta.scenes.length; i++) {
      const claims = (meta.scenes[i].claims ?? []).filter((c) => !(opts.fastOnly && c.slow));
      if (!claims.length || !sceneMatches(meta, i, opts.scene)) continue;
      const runs: SeedRun[] = [];
      for (const seed of opts.seeds) runs.push(await runScene(entry, i, seed, claims));
      for (const c of claims) {
        const missed = runs.filter((r) => !r.held[c.id]).map((r) => r.seed);
        const k = runs.length - missed.length;
        const row: ClaimRow = {
          lesson: meta.id,
          scene: i + 1,
          sceneTitle: meta.scenes[i].title,
          claim: c.id,
          text: c.text,
          stated: statedOver(c, runs.length),
          held: [k, runs.length],
          missed,
          ok: consistent(c, k, runs.length),
          keys: Object.fromEntries(runs.map((r) => [r.seed, r.key[c.id] ?? NaN])),
        };
        rows.push(row);
        opts.onRow?.(row);
      }
    }
  }
  return rows;
}

/** "1-20", "31,77,123", "1-5,9" -> the seeds. */
export function parseSeeds(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (m) for (let x = Number(m[1]); x <= Number(m[2]); x++) out.push(x);
    else if (/^\d+$/.test(part)) out.push(Number(part));
    else throw new Error(`not a seed list: "${part}" (use e.g. 1-20 or 31,77,123)`);
  }
  return [...new Set(out)];
}
