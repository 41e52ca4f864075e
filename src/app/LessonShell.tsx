import { Suspense, lazy, useEffect, useMemo, type ComponentType } from 'react';
import type { LessonPageProps } from '../ui/lesson';
import { findLesson, loadPage } from './registry';
import type { LessonMeta } from '../ui/lesson';
import { ParamControls } from '../ui/controls/ParamControls';
import { Alerts, BackendBadge } from './controls/Status';
import { Transport } from './controls/Transport';
import { changeParams, goToScene, openLesson } from './lessonState';
import { href, navigate } from './router';
import { KeyLegend, ShareButtons } from './ShareButtons';
import { useShortcuts } from './shortcuts';
import { useStore } from '../ui/store';
import { stopRun } from './workerBridge';

const pageCache = new Map<string, ComponentType<LessonPageProps>>();
export function pageFor(id: string): ComponentType<LessonPageProps> | null {
  if (!pageCache.has(id)) {
    const p = loadPage(id);
    if (!p) return null;
    pageCache.set(id, lazy(() => p));
  }
  return pageCache.get(id)!;
}

/** Starts the lesson's run from the URL when it mounts and stops it when it goes. */
export function useLessonRun(meta: LessonMeta | undefined) {
  useEffect(() => {
    if (!meta) return;
    openLesson(meta, new URLSearchParams(location.search));
    return () => stopRun();
  }, [meta]);
}

/** Scene buttons: each sets the scene's params and view. */
export function SceneNav({ meta }: { meta: LessonMeta }) {
  const scene = useStore((s) => s.scene);
  const current = meta.scenes[scene];
  return (
    <nav className="scenes" aria-label="Scenes">
      <ol>
        {meta.scenes.map((s, i) => (
          <li key={s.title}>
            <button type="button" aria-current={i === scene ? 'step' : undefined} onClick={() => goToScene(meta, i)}>
              {i + 1}. {s.title}
            </button>
          </li>
        ))}
      </ol>
      {current?.caption && <p className="caption">{current.caption}</p>}
    </nav>
  );
}

export function LessonControls({ meta }: { meta: LessonMeta }) {
  const params = useStore((s) => s.params);
  return <ParamControls schema={meta.params} values={params} onChange={(p) => changeParams(meta, p)} />;
}

/** The full lesson page: header, scenes, controls and the lesson's own page. */
export function LessonShell({ id }: { id: string }) {
  const meta = useMemo(() => findLesson(id), [id]);
  useLessonRun(meta);
  useShortcuts(meta);
  const presenting = useStore((s) => s.presenting);
  if (!meta) return <NotFound what={`lesson "${id}"`} />;
  const Page = pageFor(id);
  if (presenting) return <PresenterView meta={meta} />;
  return (
    <div className="lesson" data-lesson={id}>
      <header className="lesson-header">
        <a
          href={href('/')}
          onClick={(e) => {
            e.preventDefault();
            navigate(href('/'));
          }}
        >
          ← All lessons
        </a>
        <h1>{meta.title}</h1>
        <BackendBadge />
        <ShareButtons meta={meta} />
      </header>
      <SceneNav meta={meta} />
      <Alerts />
      <div className="lesson-body">
        <aside className="panel">
          <Transport />
          <LessonControls meta={meta} />
        </aside>
        <main className="content">
          {Page ? (
            <Suspense fallback={<p>Loading…</p>}>
              <Page view="full" />
            </Suspense>
          ) : (
            <p>This lesson has no page yet.</p>
          )}
        </main>
      </div>
    </div>
  );
}

/** Presenter mode: the scene, the live figure and its equations, large; prose and controls hidden. */
function PresenterView({ meta }: { meta: LessonMeta }) {
  const scene = useStore((s) => s.scene);
  const Page = pageFor(meta.id);
  const current = meta.scenes[scene];
  return (
    <div className="lesson presenting" data-lesson={meta.id} data-presenting>
      <header className="lesson-header">
        <h1>{meta.title}</h1>
        <BackendBadge />
      </header>
      <div className="presenter-scene" aria-live="polite">
        <h2>
          {scene >= 0 ? `${scene + 1} / ${meta.scenes.length}: ${current.title}` : `Use → to start the ${meta.scenes.length} scenes`}
        </h2>
        {current?.caption && <p>{current.caption}</p>}
      </div>
      <Alerts />
      <Transport />
      {Page && (
        <Suspense fallback={<p>Loading…</p>}>
          <Page view="presenter" />
        </Suspense>
      )}
      <KeyLegend />
    </div>
  );
}

export function NotFound({ what }: { what: string }) {
  return (
    <main className="not-found">
      <h1>Not found</h1>
      <p>There is no {what} here.</p>
      <a href={href('/')}>See all lessons</a>
    </main>
  );
}
