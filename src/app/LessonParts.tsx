import { lazy, useEffect, type ComponentType } from 'react';
import type { LessonMeta, LessonPageProps } from '../ui/lesson';
import { ParamControls } from '../ui/controls/ParamControls';
import { useStore } from '../ui/store';
import { loadPage } from './registry';
import { changeParams, openLesson } from './lessonState';
import { href } from './router';
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

export function LessonControls({ meta }: { meta: LessonMeta }) {
  const params = useStore((s) => s.params);
  return <ParamControls schema={meta.params} values={params} onChange={(p) => changeParams(meta, p)} />;
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
