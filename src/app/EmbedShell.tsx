import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { findLesson } from './registry';
import { Alerts, BackendBadge } from './controls/Status';
import { Transport } from './controls/Transport';
import { startEmbedApi } from './embedApi';
import { LessonControls, NotFound, pageFor, useLessonRun } from './LessonParts';
import { SlotsContext } from '../ui/slots';
import { plainMath } from '../ui/text';
import { href } from './router';
import { useStore } from '../ui/store';
import { pause, play } from './workerBridge';
import { RevealButton, SceneCaption, useRevealSync } from './reveal';
import { MAX_EMBED_HEIGHT } from './embedMessages';
import { ClaimList, SeedRunsButton, useClaimsTracking } from './claims/ClaimList';

/** Reports the content height to the host page so it can size the iframe. */
function useReportHeight(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || window.parent === window) return;
    let last = 0;
    const ro = new ResizeObserver(() => {
      // down to the box's bottom edge in the document (its top margin counts too), so the host's frame clips nothing
      // bounded: a scene taller than MAX_EMBED_HEIGHT scrolls inside the frame instead of growing the host's page
      const h = Math.min(MAX_EMBED_HEIGHT, Math.ceil(el.getBoundingClientRect().bottom + scrollY));
      if (h !== last) {
        last = h;
        window.parent.postMessage({ type: 'dlp:resize', height: h }, '*');
      }
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
}

/** Pauses training while the embed is scrolled out of view and resumes when it returns. */
function usePauseOffscreen(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    let pausedByUs = false;
    const io = new IntersectionObserver(([entry]) => {
      const s = useStore.getState();
      if (!entry.isIntersecting && s.playing) {
        pausedByUs = true;
        pause();
      } else if (entry.isIntersecting && pausedByUs) {
        pausedByUs = false;
        play();
      }
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
}

/**
 * /embed/<id>: the live figure and its controls without site chrome, driven by
 * postMessage too. `?scene=N` shows that scene's title, caption and figures;
 * `?controls=0` leaves out the parameter controls (the figure with its transport).
 */
export function EmbedShell({ id }: { id: string }) {
  const meta = useMemo(() => findLesson(id), [id]);
  const ref = useRef<HTMLDivElement>(null);
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  const showControls = useMemo(() => new URLSearchParams(location.search).get('controls') !== '0', []);
  const scene = useStore((s) => s.scene);
  useLessonRun(meta);
  useRevealSync(meta);
  useClaimsTracking(meta);
  useEffect(() => (meta ? startEmbedApi(meta) : undefined), [meta]);
  useReportHeight(ref);
  usePauseOffscreen(ref);
  if (!meta) return <NotFound what={`lesson "${id}"`} />;
  const Page = pageFor(id);
  const full = href(`/lesson/${id}`) + location.search;
  const current = meta.scenes[scene];
  return (
    <div className="embed" data-lesson={id} ref={ref}>
      <header className="embed-header">
        <strong>{meta.title}</strong>
        <BackendBadge />
        <a href={full} target="_blank" rel="noopener noreferrer" className="attribution">
          Open in Deep Learning Playground ↗
        </a>
      </header>
      {current && (
        <div className="scene-head">
          <h2>{plainMath(current.title)}</h2>
          <SceneCaption caption={current.caption ?? ''} question={current.question} className="caption" />
          <ClaimList meta={meta} />
        </div>
      )}
      <Alerts />
      <div className="embed-bar">
        <Transport />
        <RevealButton />
        <SeedRunsButton meta={meta} />
      </div>
      <div className="readout-slot" ref={setSlot} />
      <main className="content">
        <SlotsContext.Provider value={{ readout: slot }}>
          {Page && slot && (
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <Page view="embed" />
            </Suspense>
          )}
        </SlotsContext.Provider>
      </main>
      {showControls && (
        <details className="embed-params">
          <summary>Parameters</summary>
          <LessonControls meta={meta} />
        </details>
      )}
    </div>
  );
}
