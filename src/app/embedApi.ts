/**
 * The postMessage API of /embed/<id> (its types: embedMessages.ts). Every
 * host message is checked against the lesson's schema; a malformed one
 * changes nothing and is answered by dlp:error saying what was refused and
 * the values still in use. Every command that changes state is answered by a
 * dlp:state once the worker has applied it; dlp:metrics at most 4 times a
 * second. Message content is data, never HTML.
 */
import { checkParams } from '../ui/params';
import type { LessonMeta } from '../ui/lesson';
import { changeParams, goToScene } from './lessonState';
import { useStore } from '../ui/store';
import { onMetrics, onPhase, pause, play, reset, step } from './workerBridge';
import type { EmbedState, EmbedToHost } from './embedMessages';
import { setResultsHidden, useReveal } from '../ui/reveal';

const METRICS_INTERVAL_MS = 250;

function toParent(msg: EmbedToHost): void {
  if (window.parent !== window) window.parent.postMessage(msg, '*');
}

function stateOf(): EmbedState {
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
      // nothing of a message with a bad value is applied: say so, and what each named value still is
      if (problems.length) return `refused, nothing changed: ${summarize(problems.map((p) => p.replace(/; using [^;]*$/, '')))}${stillUsing(meta, msg.params)}`;
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
    if (problem) toParent({ type: 'dlp:error', message: problem, received: String(d.type).slice(0, 40), state: stateOf() });
    // step and reset change no field the store subscription watches until the worker answers: answer then
    else if (d.type === 'dlp:step' || d.type === 'dlp:reset') answerAfterWorker = true;
  };
  let answerAfterWorker = false;
  const unsubPhase = onPhase(() => {
    if (!answerAfterWorker) return;
    answerAfterWorker = false;
    toParent({ type: 'dlp:state', lesson: meta.id, ...stateOf() });
  });
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
    unsubPhase();
    if (trailing) clearTimeout(trailing);
  };
}

/** " (still: lr 0.2, seed 1)" for the known keys a refused message named. */
function stillUsing(meta: LessonMeta, params: unknown): string {
  if (!params || typeof params !== 'object') return '';
  const now = useStore.getState().params;
  const known = Object.keys(params).filter((k) => meta.params.some((p) => p.key === k)).slice(0, 5);
  return known.length ? ` (still: ${known.map((k) => `${k} ${String(now[k]).slice(0, 40)}`).join(', ')})` : '';
}

/** At most a few problems, each cut short: a message with thousands of bad keys gets a short answer. */
export function summarize(problems: string[], max = 5): string {
  const shown = problems.slice(0, max).map((p) => (p.length > 160 ? `${p.slice(0, 157)}...` : p));
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
