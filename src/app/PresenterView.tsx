import { Suspense, useEffect, useState } from 'react';
import type { LessonMeta } from '../ui/lesson';
import { SlotsContext } from '../ui/slots';
import { useStore } from '../ui/store';
import { plainMath } from '../ui/text';
import { Alerts, BackendBadge } from './controls/Status';
import { Transport } from './controls/Transport';
import { FitBox } from './FitBox';
import { LessonControls, pageFor } from './LessonParts';
import { KeyLegend } from './ShareButtons';
import { RevealButton, SceneCaption } from './reveal';
import { ClaimList, SeedRunsButton } from './claims/ClaimList';

/** Smallest zoom of the presenter stage: past it a scene shows fewer figures instead of smaller ones. */
export const MIN_PRESENTER_ZOOM = 0.75;

/** Drops the last figure of the scene's list from the presenter stage; false when only the main one is left. */
function dropOne(): boolean {
  const s = useStore.getState();
  if (!s.show) return false;
  const now = s.presentLimit ?? s.show.length;
  if (now <= 1) return false;
  useStore.setState({ presentLimit: now - 1 });
  return true;
}

/**
 * Presenter mode: one scene on one screen. The scene's title and caption and
 * the readout at projector size, the scene's figures below, shrunk to fit the
 * screen's height if they must (FitBox) so nothing scrolls; `c` opens the
 * compact controls over the figure.
 */
export function PresenterView({ meta }: { meta: LessonMeta }) {
  const scene = useStore((s) => s.scene);
  const show = useStore((s) => s.show);
  const limit = useStore((s) => s.presentLimit);
  // a new scene (or the Sandbox) starts with all its figures, then drops what does not fit
  useEffect(() => useStore.setState({ presentLimit: null }), [scene]);
  useEffect(() => () => useStore.setState({ presentLimit: null }), []);
  const shownCount = show ? Math.min(show.length, limit ?? show.length) : null;
  const controlsOpen = useStore((s) => s.controlsOpen);
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  const Page = pageFor(meta.id);
  const current = meta.scenes[scene];
  return (
    <div className="presenting" data-lesson={meta.id} data-presenting>
      <header className="presenter-head" aria-live="polite">
        <h1>{meta.title}</h1>
        <h2>{current ? `${scene + 1} / ${meta.scenes.length}: ${plainMath(current.title)}` : 'Sandbox'}</h2>
        <BackendBadge />
      </header>
      {current && <SceneCaption caption={current.caption ?? ''} question={current.question} className="presenter-caption" />}
      <ClaimList meta={meta} compact />
      <Alerts />
      <div className="presenter-bar">
        <Transport />
        <RevealButton />
        <SeedRunsButton meta={meta} />
        <div className="readout-slot" ref={setSlot} />
      </div>
      <SlotsContext.Provider value={{ readout: slot }}>
        <FitBox className="presenter-stage" minZoom={MIN_PRESENTER_ZOOM} onTooDense={dropOne}>
          {Page && slot && (
            <Suspense fallback={<p>Loading…</p>}>
              <Page view="presenter" />
            </Suspense>
          )}
        </FitBox>
      </SlotsContext.Provider>
      {controlsOpen && (
        <div className="presenter-controls" role="dialog" aria-label="Controls">
          <button type="button" className="close" onClick={() => useStore.setState({ controlsOpen: false })}>
            Close (c)
          </button>
          <LessonControls meta={meta} />
        </div>
      )}
      {show && shownCount !== null && shownCount < show.length && (
        <p className="presenter-fewer" data-presenter-fewer>
          Showing {shownCount} of this scene’s {show.length} figures at a readable size; the full page shows them all.
        </p>
      )}
      <KeyLegend />
    </div>
  );
}
