/**
 * A lesson's state and the URL, kept in step: defaults <- scene <- query on
 * load; every change rewrites the query, so a copied address reproduces it.
 */
import { defaults, parseQuery, writeQuery, type Values } from '../ui/params';
import { sceneParams, type LessonMeta } from '../ui/lesson';
import { provideLessonActions } from '../ui/actions';
import { replaceQuery } from './router';
import { emptyHistory, useStore, type BackendChoice } from '../ui/store';
import { restartRun, setParams, startRun } from './workerBridge';

const BACKENDS: BackendChoice[] = ['auto', 'cpu', 'webgpu'];

/** Reads lesson, scene, params and backend from a query and starts the run. */
export function openLesson(meta: LessonMeta, query: URLSearchParams): void {
  const notes: string[] = [];
  const scene = sceneFromQuery(meta, query, notes);
  const { values, problems } = parseQuery(meta.params, query);
  notes.push(...problems);
  // scene values apply, then anything the query states explicitly (and validly) wins
  const merged: Values = { ...values };
  if (scene >= 0) {
    for (const [k, v] of Object.entries(sceneParams(meta, scene))) {
      if (query.get(k) === null) merged[k] = v;
    }
  }
  const rawBackend = query.get('backend');
  let backendChoice: BackendChoice = 'auto';
  if (rawBackend !== null) {
    if ((BACKENDS as string[]).includes(rawBackend)) backendChoice = rawBackend as BackendChoice;
    else notes.push(`Backend (backend): "${rawBackend.slice(0, 40)}" is not one of auto, cpu, webgpu; using auto`);
  }
  useStore.setState({ lessonId: meta.id, params: merged, scene, show: showOf(meta, scene), backendChoice, notes });
  provideLessonActions({ changeParams: (p) => changeParams(meta, p) });
  syncUrl(meta);
  startRun(meta.id, merged, backendChoice);
}

/** Writes the current lesson state into the address bar. */
export function syncUrl(meta: LessonMeta): void {
  const s = useStore.getState();
  const q = new URLSearchParams(location.search);
  writeQuery(meta.params, s.params, q);
  q.set('scene', s.scene >= 0 ? String(s.scene) : PLAYGROUND);
  if (s.backendChoice !== 'auto') q.set('backend', s.backendChoice);
  else q.delete('backend');
  replaceQuery(q);
}

/** A user (or embedding page) changed some params. */
export function changeParams(meta: LessonMeta, p: Values): void {
  useStore.setState((s) => ({ params: { ...s.params, ...p } }));
  syncUrl(meta);
  setParams(p);
}

/** The query value of the free playground (every figure, the lesson's defaults). */
export const PLAYGROUND = 'free';

/**
 * The scene a query opens: its `scene` (a number, or "free" for the
 * playground); without one, scene 1 — unless the query sets lesson params,
 * which describes a state of its own (an address from before scenes were
 * written into links), so it opens the playground with those values.
 */
function sceneFromQuery(meta: LessonMeta, query: URLSearchParams, notes: string[]): number {
  const raw = query.get('scene');
  if (raw === PLAYGROUND || !meta.scenes.length) return -1;
  if (raw === null) return meta.params.some((p) => query.has(p.key)) ? -1 : 0;
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (Number.isInteger(n) && n >= 0 && n < meta.scenes.length) return n;
  notes.push(`Scene (scene): "${raw.slice(0, 40)}" is not a scene of this lesson (the address counts from 0: 0 to ${meta.scenes.length - 1} open tabs 1 to ${meta.scenes.length}, "${PLAYGROUND}" the Sandbox); opening scene 1`);
  return 0;
}

/** The playground: every figure, the lesson's default params (the run restarts from them). */
export function goToPlayground(meta: LessonMeta): void {
  const p = defaults(meta.params);
  useStore.setState({ scene: -1, show: null, params: p, history: emptyHistory() });
  syncUrl(meta);
  setParams(p);
}

/** Puts back the current scene's params (or the defaults in the playground): the instructor's undo. */
export function restoreScene(meta: LessonMeta): void {
  const s = useStore.getState().scene;
  if (s >= 0) goToScene(meta, s);
  else goToPlayground(meta);
}

/** Moves to scene n: applies its params and records it in the URL. */
export function goToScene(meta: LessonMeta, n: number): void {
  if (n < 0 || n >= meta.scenes.length) return;
  const p = sceneParams(meta, n);
  // a new scene starts its charts afresh: no curve of the previous scene's run stays on its axes
  useStore.setState((s) => ({ scene: n, show: showOf(meta, n), params: { ...s.params, ...p }, history: emptyHistory() }));
  syncUrl(meta);
  setParams(p);
  // a scene's claims are judged on a run of its own from step 0 (a live-applied change would carry the old run on)
  if (meta.scenes[n].claims?.length) restartRun();
}

/** The figure list of scene n (null: every figure, for the free playground). */
export function showOf(meta: LessonMeta, n: number): readonly string[] | null {
  return meta.scenes[n]?.show ?? null;
}
