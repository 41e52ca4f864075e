/**
 * Kept runs of the open lesson: "Keep this run" freezes what every line
 * chart on the page draws now; the charts then draw those curves faded under
 * the live ones. Kept runs live per lesson in memory and, as far as they fit,
 * in the link (`?kept=`, see encode.ts). A small store of its own: nothing a
 * run does (reset, a new scene) clears them, only the user.
 */
import { create } from 'zustand';
import { defaults, parseParamsNoted, type Values } from '../params';
import type { LessonMeta } from '../lesson';
import { useStore } from '../store';
import { decodeRuns, encodeRuns, hash32, thinCurve, type GhostSeries, type KeptRun } from './encode';

/** The most runs kept at once; keeping another drops the oldest. */
export const MAX_KEPT = 4;
/** Points per kept curve (in memory and in the link). */
export const KEPT_POINTS = 60;
/** The query key of kept runs (not a lesson param: XOR has a param `runs`). */
export const KEPT_KEY = 'kept';
/** The longest `kept` value written into the link; beyond it runs stay in this tab only. */
export const URL_BUDGET = 4000;

interface KeptState {
  meta: LessonMeta | null;
  runs: KeptRun[];
  /** Why the runs are not (all) in the link, or why a link's runs were not read. */
  note: string | null;
  /** How many line charts are on the page now (no chart, no "Keep this run"). */
  charts: number;
}

export const useKept = create<KeptState>()(() => ({ meta: null, runs: [], note: null, charts: 0 }));

const memory = new Map<string, KeptRun[]>();

/** What a line chart draws now, as its series with raw names (registered while it is mounted). */
type Snapshot = () => readonly { name: string; x: readonly number[]; y: readonly number[]; color?: string; dashed?: boolean }[];
const charts = new Map<string, Snapshot>();

/** The id of a chart across runs and links: its figure and its title (or y label). */
export function chartKey(figure: string | null, title: string | undefined, yLabel: string): string {
  return hash32(`${figure ?? ''}/${title ?? yLabel}`);
}

/** A mounted line chart offers its current curves for "Keep this run"; returns the unregister. */
export function registerChart(key: string, snapshot: Snapshot): () => void {
  charts.set(key, snapshot);
  useKept.setState({ charts: charts.size });
  return () => {
    if (charts.get(key) === snapshot) charts.delete(key);
    useKept.setState({ charts: charts.size });
  };
}

/** Opens a lesson's kept runs: the link's if it has some, else those kept earlier in this tab. */
export function openKept(meta: LessonMeta, query: URLSearchParams): void {
  const raw = query.get(KEPT_KEY);
  let runs = memory.get(meta.id) ?? [];
  let note: string | null = null;
  if (raw !== null) {
    try {
      runs = decodeRuns(raw)
        .slice(0, MAX_KEPT)
        .map((r) => ({ label: r.label.slice(0, 40), params: parseParamsNoted(meta.params, r.params).values as Values, charts: r.charts }));
    } catch (e) {
      runs = [];
      note = `The kept runs in the link could not be read (${(e as Error).message}); none are shown.`;
    }
  }
  useKept.setState({ meta, runs, note });
  if (raw === null && runs.length) persist();
  else if (raw !== null && note) writeLink(null);
}

/** Freezes the curves every mounted line chart draws now as a new kept run. */
export function keepRun(): void {
  const { meta, runs } = useKept.getState();
  if (!meta) return;
  const out: Record<string, GhostSeries[]> = {};
  for (const [key, snap] of charts) {
    const series = snap()
      .filter((s) => s.x.some(Number.isFinite) && s.y.some(Number.isFinite))
      .map((s) => ({ name: hash32(s.name), ...thinCurve(s.x, s.y, KEPT_POINTS), color: s.color, dashed: s.dashed }));
    if (series.length) out[key] = series;
  }
  if (!Object.keys(out).length) {
    useKept.setState({ note: 'Nothing to keep yet: press Play (or Step) first, then keep the run.' });
    return;
  }
  const run: KeptRun = { params: { ...useStore.getState().params }, label: '', charts: out };
  useKept.setState({ runs: [...runs, run].slice(-MAX_KEPT), note: null });
  persist();
}

export function clearKept(): void {
  useKept.setState({ runs: [], note: null });
  persist();
}

export function removeKept(i: number): void {
  useKept.setState((s) => ({ runs: s.runs.filter((_, k) => k !== i) }));
  persist();
}

/** Names a kept run (empty: the label made from its params). */
export function renameKept(i: number, label: string): void {
  useKept.setState((s) => ({ runs: s.runs.map((r, k) => (k === i ? { ...r, label: label.slice(0, 40) } : r)) }));
  persist();
}

/** Keeps the runs in memory for this lesson and writes them into the link when they fit. */
function persist(): void {
  const { meta, runs } = useKept.getState();
  if (!meta) return;
  memory.set(meta.id, runs);
  if (!runs.length) return writeLink(null);
  const d = defaults(meta.params);
  // params as a difference from the lesson's defaults: a short link
  const compact = runs.map((r) => ({ ...r, params: Object.fromEntries(Object.entries(r.params).filter(([k, v]) => d[k] !== v || k === 'seed')) }));
  for (const points of [KEPT_POINTS, 30, 15]) {
    const text = encodeRuns(compact, points);
    if (text.length <= URL_BUDGET) {
      useKept.setState({ note: null });
      return writeLink(text);
    }
  }
  writeLink(null);
  useKept.setState({ note: 'These kept runs are too long for the link: they stay in this tab only (a copied link will not show them).' });
}

function writeLink(value: string | null): void {
  if (typeof location === 'undefined' || typeof history === 'undefined') return;
  const q = new URLSearchParams(location.search);
  if (value === null) q.delete(KEPT_KEY);
  else q.set(KEPT_KEY, value);
  const s = q.toString();
  history.replaceState(history.state, '', location.pathname + (s ? `?${s}` : '') + location.hash);
}
