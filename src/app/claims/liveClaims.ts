/**
 * The scene's claims judged on the student's own run, live: each is pending
 * until its moment (a step, a phase's end, the run's end), then held or
 * missed on the metrics the worker posted at exactly that moment. Only a run
 * that started from step 0 with the scene's settings (any seed) is judged;
 * a setting changed along the way leaves the claims unjudged, and says so.
 */
import { create } from 'zustand';
import { judge, type Claim } from '../../ui/claims';
import { sceneParams, type LessonMeta } from '../../ui/lesson';
import { useStore } from '../../ui/store';
import { onMetrics, setMarks } from '../workerBridge';

export type ClaimState = 'pending' | 'held' | 'missed';

export interface LiveClaims {
  /** Each claim's state in this run, by id. */
  states: Record<string, ClaimState>;
  /** Each claim's key metric at its moment, once judged. */
  keys: Record<string, number>;
  /** Why this run is not judged (settings differ from the scene's), or null. */
  offScene: string | null;
  /** The seed of the run judged. */
  seed: number | null;
}

export const useLiveClaims = create<LiveClaims>(() => ({ states: {}, keys: {}, offScene: null, seed: null }));

/** The claims of the scene on screen (none in the sandbox). */
export function claimsOf(meta: LessonMeta, scene: number): readonly Claim[] {
  return meta.scenes[scene]?.claims ?? [];
}

/** The scene's settings that the current params do not match (the seed may differ: claims are about any seed). */
export function offSceneKeys(meta: LessonMeta, scene: number, params: Record<string, unknown>): string[] {
  const want = sceneParams(meta, scene);
  return Object.entries(want)
    .filter(([k, v]) => k !== 'seed' && params[k] !== v)
    .map(([k]) => meta.params.find((p) => p.key === k)?.label ?? k);
}

function pendingAll(claims: readonly Claim[]): Record<string, ClaimState> {
  return Object.fromEntries(claims.map((c) => [c.id, 'pending' as const]));
}

/**
 * Tracks the claims of the lesson's current scene until the returned
 * function is called. Sends the worker the steps to post exactly.
 */
export function trackClaims(meta: LessonMeta): () => void {
  let claims: readonly Claim[] = [];
  /** Whether the run on screen started at step 0 with the scene's settings and has not been changed since. */
  let judged = false;
  let lastStep = -1;

  const begin = (why: string | null) => {
    const s = useStore.getState();
    useLiveClaims.setState({ states: pendingAll(claims), keys: {}, offScene: why, seed: typeof s.params.seed === 'number' ? s.params.seed : null });
  };
  const fresh = () => {
    const s = useStore.getState();
    const off = offSceneKeys(meta, s.scene, s.params);
    judged = off.length === 0;
    begin(judged ? null : `not judged in this run: ${off.join(', ')} differ${off.length === 1 ? 's' : ''} from the scene’s settings`);
  };
  const decide = (c: Claim, m: Record<string, number> | undefined) => {
    const st = useLiveClaims.getState();
    if (!judged || st.states[c.id] !== 'pending' || !m) return;
    useLiveClaims.setState({ states: { ...st.states, [c.id]: judge(c, m) ? 'held' : 'missed' }, keys: c.key && m[c.key] !== undefined ? { ...st.keys, [c.id]: m[c.key] } : st.keys });
  };
  const loadScene = (opening: boolean) => {
    claims = claimsOf(meta, useStore.getState().scene);
    setMarks([...new Set(claims.map((c) => c.at).filter((a): a is number => typeof a === 'number'))]);
    if (opening) fresh();
    else {
      // the run on screen is the last scene's until the new scene's run posts its step 0 (goToScene restarts it)
      judged = false;
      begin(null);
    }
  };

  loadScene(true);
  const offMetrics = onMetrics((step, values) => {
    if (step === 0 || step < lastStep) fresh(); // a new run (built, reset, restarted)
    lastStep = step;
    for (const c of claims) if (c.at === step) decide(c, values);
  });
  const offStore = useStore.subscribe((s, prev) => {
    if (s.scene !== prev.scene) {
      loadScene(false);
      return;
    }
    if (s.params !== prev.params && s.step > 0 && judged) {
      // changed under a running run: what it does now is not the scene's claim
      judged = false;
      begin('not judged in this run: a setting changed while it ran; press Reset to judge it again');
    } else if (s.params !== prev.params && s.step === 0) fresh();
    // a phase that ends, and the end of the run: the metrics posted with the change are in the store now
    if (s.phase !== prev.phase) for (const c of claims) if (c.at === `phase:${prev.phase}`) decide(c, s.metrics);
    if (s.done && !prev.done) for (const c of claims) if (c.at === 'end' || c.at === `phase:${s.phase}`) decide(c, s.metrics);
  });
  return () => {
    offMetrics();
    offStore();
    setMarks([]);
    useLiveClaims.setState({ states: {}, keys: {}, offScene: null, seed: null });
  };
}
