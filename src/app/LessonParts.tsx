import { lazy, useEffect, type ComponentType } from 'react';
import type { LessonMeta, LessonPageProps } from '../ui/lesson';
import { ParamControls } from '../ui/controls/ParamControls';
import { useStore } from '../ui/store';
import { loadPage } from './registry';
import { changeParams, openLesson } from './lessonState';
import { href } from './router';
import { keepSaving, resumeQuery } from './resume';
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

/** Starts the lesson's run from the URL when it mounts and stops it when it goes; `resume` (the full page, never an embed) reopens the last visit's state (src/app/resume.ts). */
export function useLessonRun(meta: LessonMeta | undefined, resume = false) {
  useEffect(() => {
    if (!meta) return;
    const query = new URLSearchParams(location.search);
    openLesson(meta, resume ? resumeQuery(meta, query) : query);
    const stopSaving = resume ? keepSaving(meta) : null;
    return () => {
      stopSaving?.();
      stopRun();
    };
  }, [meta, resume]);
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
