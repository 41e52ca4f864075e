import { Suspense, lazy, useEffect, useMemo, type ComponentType } from 'react';
import { findLesson, loadPage, type LessonPageProps } from '../lessons/registry';
import type { LessonMeta } from '../lessons/params';
import { ParamControls } from './controls/ParamControls';
import { Alerts, BackendBadge } from './controls/Status';
import { Transport } from './controls/Transport';
import { changeParams, goToScene, openLesson } from './lessonState';
import { href, navigate } from './router';
import { useStore } from './store';
import { stopRun } from './workerBridge';

const pageCache = new Map<string, ComponentType<LessonPageProps>>();
function pageFor(id: string): ComponentType<LessonPageProps> | null {
  if (!pageCache.has(id)) {
    const p = loadPage(id);
    if (!p) return null;
    pageCache.set(id, lazy(() => p));
  }
  return pageCache.get(id)!;
}

/** Starts the lesson's run from the URL when it mounts and stops it when it goes. */
function useLessonRun(meta: LessonMeta | undefined) {
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
  if (!meta) return <NotFound what={`lesson "${id}"`} />;
  const Page = pageFor(id);
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

export function NotFound({ what }: { what: string }) {
  return (
    <main className="not-found">
      <h1>Not found</h1>
      <p>There is no {what} here.</p>
      <a href={href('/')}>See all lessons</a>
    </main>
  );
}
