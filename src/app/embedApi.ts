/**
 * The postMessage API of /embed/<id>. The host sends {type:'dlp:play'|'dlp:pause'|
 * 'dlp:reset'|'dlp:step'|'dlp:set'|'dlp:hide'|'dlp:reveal', ...}; every message is checked against the
 * lesson's schema, and a malformed one changes nothing and yields dlp:error.
 * The embed posts dlp:ready (with its schema), dlp:state on changes and
 * dlp:metrics at most 4 times a second. Message content is data, never HTML.
 */
import { checkParams } from '../ui/params';
import type { LessonMeta } from '../ui/lesson';
import { changeParams, goToScene } from './lessonState';
import { useStore } from '../ui/store';
import { onMetrics, pause, play, reset, step } from './workerBridge';
import { setResultsHidden, useReveal } from '../ui/reveal';

const METRICS_INTERVAL_MS = 250;

function toParent(msg: Record<string, unknown>): void {
  if (window.parent !== window) window.parent.postMessage(msg, '*');
}

function stateOf() {
  const s = useStore.getState();
  return { playing: s.playing, scene: s.scene, params: s.params, backend: s.backend, step: s.step, done: s.done, hidden: useReveal.getState().hidden };
}

/** Applies one host message; returns a problem description or null when applied. */
export function applyEmbedMessage(meta: LessonMeta, data: unknown): string | null {
  if (!data || typeof data !== 'object') return 'message must be an object';
  const msg = data as Record<string, unknown>;
  switch (msg.type) {
    case 'dlp:play':
      play();
      return null;
    case 'dlp:pause':
      pause();
      return null;
    case 'dlp:reset':
      reset();
      return null;
    case 'dlp:step':
      step();
      return null;
    // predict, then reveal: the page shows placeholders for results while training runs on
    case 'dlp:hide':
      setResultsHidden(true);
      return null;
    case 'dlp:reveal':
      setResultsHidden(false);
      return null;
    case 'dlp:set': {
      const hasScene = 'scene' in msg;
      const hasParams = 'params' in msg;
      if (hasScene === hasParams) return 'dlp:set needs exactly one of {params} or {scene}';
      if (hasScene) {
        const n = msg.scene;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= meta.scenes.length) return `scene must be an integer from 0 to ${meta.scenes.length - 1}`;
        goToScene(meta, n);
        return null;
      }
      const { values, problems } = checkParams(meta.params, msg.params);
      if (problems.length) return summarize(problems);
      if (Object.keys(values).length === 0) return 'params is empty';
      changeParams(meta, values);
      return null;
    }
    default:
      return `unknown message type ${JSON.stringify(String(msg.type)).slice(0, 60)}`;
  }
}

/** Starts the API for an embedded lesson; returns a function that stops it. */
export function startEmbedApi(meta: LessonMeta): () => void {
  const onMessage = (e: MessageEvent) => {
    const d = e.data;
    // only messages that claim to be ours; other scripts' traffic is none of our business
    if (!d || typeof d !== 'object' || typeof d.type !== 'string' || !d.type.startsWith('dlp:')) return;
    const problem = applyEmbedMessage(meta, d);
    if (problem) toParent({ type: 'dlp:error', message: problem, received: String(d.type).slice(0, 40) });
  };
  window.addEventListener('message', onMessage);

  const unsubState = useStore.subscribe((s, prev) => {
    if (s.playing !== prev.playing || s.scene !== prev.scene || s.params !== prev.params || s.backend !== prev.backend || s.done !== prev.done) {
      toParent({ type: 'dlp:state', lesson: meta.id, ...stateOf() });
    }
  });

  const unsubReveal = useReveal.subscribe((s, prev) => {
    if (s.hidden !== prev.hidden) toParent({ type: 'dlp:state', lesson: meta.id, ...stateOf() });
  });

  let lastMetrics = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const unsubMetrics = onMetrics((stepN, values) => {
    const send = () => {
      lastMetrics = performance.now();
      toParent({ type: 'dlp:metrics', lesson: meta.id, step: stepN, values });
    };
    if (trailing) clearTimeout(trailing);
    const wait = METRICS_INTERVAL_MS - (performance.now() - lastMetrics);
    if (wait <= 0) send();
    else trailing = setTimeout(send, wait); // the last values of a burst still arrive
  });

  toParent({
    type: 'dlp:ready',
    lesson: meta.id,
    title: meta.title,
    params: meta.params,
    scenes: meta.scenes.map((s) => ({ title: s.title })),
    state: stateOf(),
  });

  return () => {
    window.removeEventListener('message', onMessage);
    unsubState();
    unsubReveal();
    unsubMetrics();
    if (trailing) clearTimeout(trailing);
  };
}

/** At most a few problems, each cut short: a message with thousands of bad keys gets a short answer. */
export function summarize(problems: string[], max = 5): string {
  const shown = problems.slice(0, max).map((p) => (p.length > 160 ? `${p.slice(0, 157)}...` : p));
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
