/**
 * A lesson's state and the URL, kept in step: defaults <- scene <- query on
 * load; every change rewrites the query, so a copied address reproduces it.
 */
import { parseQuery, writeQuery, type Values } from '../ui/params';
import { sceneParams, type LessonMeta } from '../ui/lesson';
import { provideLessonActions } from '../ui/actions';
import { replaceQuery } from './router';
import { useStore, type BackendChoice } from '../ui/store';
import { setParams, startRun } from './workerBridge';

const BACKENDS: BackendChoice[] = ['auto', 'cpu', 'webgpu'];

/** Reads lesson, scene, params and backend from a query and starts the run. */
export function openLesson(meta: LessonMeta, query: URLSearchParams): void {
  const notes: string[] = [];
  let scene = -1;
  const rawScene = query.get('scene');
  if (rawScene !== null) {
    const n = rawScene.trim() === '' ? NaN : Number(rawScene);
    if (Number.isInteger(n) && n >= 0 && n < meta.scenes.length) scene = n;
    else notes.push(`Scene (scene): "${rawScene.slice(0, 40)}" is not a scene of this lesson; using the default view`);
  }
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
  if (s.scene >= 0) q.set('scene', String(s.scene));
  else q.delete('scene');
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

/** Moves to scene n: applies its params and records it in the URL. */
export function goToScene(meta: LessonMeta, n: number): void {
  if (n < 0 || n >= meta.scenes.length) return;
  const p = sceneParams(meta, n);
  useStore.setState((s) => ({ scene: n, show: showOf(meta, n), params: { ...s.params, ...p } }));
  syncUrl(meta);
  setParams(p);
}

/** The figure list of scene n (null: every figure, for the free playground). */
function showOf(meta: LessonMeta, n: number): readonly string[] | null {
  return meta.scenes[n]?.show ?? null;
}
