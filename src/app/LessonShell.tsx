import { Suspense, useMemo, useState } from 'react';
import { SlotsContext } from '../ui/slots';
import { KeepRuns } from '../ui/compare/KeepRuns';
import { useStore } from '../ui/store';
import { Alerts, BackendBadge } from './controls/Status';
import { Transport } from './controls/Transport';
import { LessonControls, NotFound, pageFor, useLessonRun } from './LessonParts';
import { PresenterView } from './PresenterView';
import { findLesson } from './registry';
import { href, navigate } from './router';
import { SceneNav } from './SceneNav';
import { ShareButtons } from './ShareButtons';
import { useShortcuts } from './shortcuts';
import { ThemeToggle } from './theme';
import { RevealButton, useRevealSync } from './reveal';
import { ResumeNote } from './ResumeNote';
import { SeedRunsButton, useClaimsTracking } from './claims/ClaimList';
import { PhoneMenu } from './controls/PhoneMenu';

export { NotFound } from './LessonParts';

/** Wide screens start with the controls open beside the figures; narrow ones fold them away. */
const WIDE = '(min-width: 1000px)';

/**
 * The full lesson page, figure first: a one-line header, the scene tabs and
 * the scene's caption, the transport with the live readout, then the lesson's
 * figures (its page); the controls sit in a panel beside them that folds away,
 * and the prose comes after the figures.
 */
export function LessonShell({ id }: { id: string }) {
  const meta = useMemo(() => findLesson(id), [id]);
  useLessonRun(meta, true);
  useRevealSync(meta);
  useClaimsTracking(meta);
  useShortcuts(meta);
  const presenting = useStore((s) => s.presenting);
  const [controls, setControls] = useState(() => typeof matchMedia !== 'function' || matchMedia(WIDE).matches);
  // on a narrow screen the panel sits under the figure: opening it brings it into view
  const toggleControls = () => {
    const open = !controls;
    setControls(open);
    if (open && typeof matchMedia === 'function' && !matchMedia(WIDE).matches) requestAnimationFrame(() => document.getElementById('lesson-controls')?.scrollIntoView({ block: 'start' }));
  };
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  if (!meta) return <NotFound what={`lesson "${id}"`} />;
  const Page = pageFor(id);
  if (presenting) return <PresenterView meta={meta} />;
  return (
    <div className="lesson" data-lesson={id}>
      <a
        className="skip-link"
        href="#transport"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('transport')?.focus();
        }}
      >
        Skip to the training controls
      </a>
      <header className="lesson-header">
        <a
          className="back"
          href={href('/')}
          onClick={(e) => {
            e.preventDefault();
            navigate(href('/'));
          }}
        >
          ← Lessons
        </a>
        <h1>{meta.title}</h1>
        <BackendBadge />
        <ShareButtons meta={meta} />
        <ThemeToggle />
      </header>
      <SceneNav meta={meta} />
      <Alerts />
      <ResumeNote meta={meta} />
      <div className="lesson-bar">
        <Transport />
        <KeepRuns meta={meta} />
        <SeedRunsButton meta={meta} />
        <RevealButton />
        <PhoneMenu meta={meta} controls={controls} onControls={toggleControls} />
        <button type="button" className="controls-toggle" aria-expanded={controls} aria-controls="lesson-controls" onClick={toggleControls}>
          <span aria-hidden="true">⚙</span>
          <span className="toggle-label"> {controls ? 'Hide controls' : 'Controls'}</span>
        </button>
      </div>
      <div className="readout-slot" ref={setSlot} />
      <div className={controls ? 'lesson-body with-controls' : 'lesson-body'}>
        <main className="content" id="main">
          <SlotsContext.Provider value={{ readout: slot }}>
            {Page && slot ? (
              <Suspense fallback={<p className="loading">Loading…</p>}>
                <Page view="full" />
              </Suspense>
            ) : Page ? null : (
              <p>This lesson has no page yet.</p>
            )}
          </SlotsContext.Provider>
        </main>
        {/* after the page in the DOM: Tab reaches the figures (and their export buttons) before the parameters, as they read; a narrow screen shows the panel under the figure */}
        <aside id="lesson-controls" className="panel" hidden={!controls} aria-label="Lesson controls">
          <LessonControls meta={meta} />
        </aside>
      </div>
    </div>
  );
}
