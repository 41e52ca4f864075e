import { Suspense, useState } from 'react';
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

/**
 * Presenter mode: one scene on one screen. The scene's title and caption and
 * the readout at projector size, the scene's figures below, shrunk to fit the
 * screen's height if they must (FitBox) so nothing scrolls; `c` opens the
 * compact controls over the figure.
 */
export function PresenterView({ meta }: { meta: LessonMeta }) {
  const scene = useStore((s) => s.scene);
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
        <FitBox className="presenter-stage">
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
      <KeyLegend />
    </div>
  );
}
