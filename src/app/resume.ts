/**
 * Resume where you left off: the full lesson page remembers its scene and
 * parameters in localStorage (one entry per lesson, written a moment after
 * each change), and a bare /lesson/<id> opens them again. An address that
 * names a scene or a parameter wins; embeds never read or write it. What is
 * read back is data from an older visit (or another version of the app):
 * it goes through the lesson's schema, and a bad value is dropped, never
 * trusted.
 */
import { create } from 'zustand';
import { checkValue, defaults, type Values } from '../ui/params';
import { sceneParams, type LessonMeta } from '../ui/lesson';
import { emptyHistory, useStore } from '../ui/store';
import { PLAYGROUND, showOf, syncUrl } from './lessonState';
import { setParams } from './workerBridge';

/** The stored shape; `v` changes when it does, and an entry of another version is ignored. */
const VERSION = 1;
export const WRITE_DELAY_MS = 400;

export const storageKey = (id: string) => `dlp:last:${id}`;

export interface Saved {
  /** A scene index, or -1 for the Sandbox. */
  scene: number;
  /** Only values the schema accepts as they are (nothing clamped, no unknown keys). */
  params: Values;
}

/** Parses a stored entry through the lesson's schema; null for anything unusable. Never throws. */
export function parseSaved(meta: LessonMeta, raw: string | null): Saved | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  if (d.v !== VERSION) return null;
  const scene = d.scene;
  if (typeof scene !== 'number' || !Number.isInteger(scene) || scene < -1 || scene >= meta.scenes.length) return null;
  const params: Values = {};
  const rawParams = d.params;
  if (rawParams && typeof rawParams === 'object' && !Array.isArray(rawParams)) {
    for (const p of meta.params) {
      if (!Object.prototype.hasOwnProperty.call(rawParams, p.key)) continue;
      // strict: JSON keeps types, so a number stored as a string is as wrong as one out of range
      const c = checkValue(p, (rawParams as Record<string, unknown>)[p.key], true);
      if (!c.problem) params[p.key] = c.value;
    }
  }
  return { scene, params };
}

/** What a bare address opens: scene 1 (or the Sandbox for a lesson without scenes) on its values. */
function freshState(meta: LessonMeta): Saved {
  const scene = meta.scenes.length ? 0 : -1;
  return { scene, params: { ...defaults(meta.params), ...(scene >= 0 ? sceneParams(meta, scene) : {}) } };
}

/** Whether a saved state opens something other than a fresh visit would. */
function differsFromFresh(meta: LessonMeta, saved: Saved): boolean {
  const fresh = freshState(meta);
  return saved.scene !== fresh.scene || Object.entries(saved.params).some(([k, v]) => fresh.params[k] !== v);
}

function read(id: string): string | null {
  try {
    return localStorage.getItem(storageKey(id));
  } catch {
    return null; // storage blocked (privacy settings, a sandboxed frame): nothing to resume
  }
}

function write(id: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(storageKey(id));
    else localStorage.setItem(storageKey(id), value);
  } catch {
    /* full or blocked: resuming is a convenience */
  }
}

/** The "Restored your last settings" note: shown after a resume until dismissed or Start over. */
export const useResumeNote = create<{ restored: boolean }>(() => ({ restored: false }));

/**
 * The query a full lesson page opens with: the address's own when it names a
 * scene or any of the lesson's params; else the saved state written into a
 * copy of it (other keys, e.g. backend or hide, kept).
 */
export function resumeQuery(meta: LessonMeta, query: URLSearchParams): URLSearchParams {
  useResumeNote.setState({ restored: false });
  if (query.has('scene') || meta.params.some((p) => query.has(p.key))) return query;
  const saved = parseSaved(meta, read(meta.id));
  if (!saved || !differsFromFresh(meta, saved)) return query;
  const q = new URLSearchParams(query);
  q.set('scene', saved.scene >= 0 ? String(saved.scene) : PLAYGROUND);
  // every saved value explicitly: one equal to its default may differ from the scene's
  for (const [k, v] of Object.entries(saved.params)) q.set(k, String(v));
  useResumeNote.setState({ restored: true });
  return q;
}

function serialize(): string {
  const s = useStore.getState();
  return JSON.stringify({ v: VERSION, scene: s.scene, params: s.params });
}

/** Writes the lesson's scene and params shortly after opening and after each change (at once when the page goes); returns the stop. */
export function keepSaving(meta: LessonMeta): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // writes what is pending, now (the timer's end, or the page going away)
  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    if (useStore.getState().lessonId === meta.id) write(meta.id, serialize());
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, WRITE_DELAY_MS);
  };
  const unsub = useStore.subscribe((s, prev) => {
    if (s.lessonId === meta.id && (s.scene !== prev.scene || s.params !== prev.params)) schedule();
  });
  // the state this visit opened on (a link's, too) is the last one until it changes
  schedule();
  window.addEventListener('pagehide', flush);
  return () => {
    flush();
    unsub();
    window.removeEventListener('pagehide', flush);
  };
}

/** Start over: scene 1 on the lesson's defaults, the saved entry forgotten. */
export function startOver(meta: LessonMeta): void {
  useResumeNote.setState({ restored: false });
  write(meta.id, null);
  const fresh = freshState(meta);
  // one change, one message: every value goes to the run (a scene change alone would send only the scene's keys)
  useStore.setState({ scene: fresh.scene, show: showOf(meta, fresh.scene), params: fresh.params, history: emptyHistory() });
  syncUrl(meta);
  setParams(fresh.params);
}
