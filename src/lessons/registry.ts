/**
 * The lesson registry: every src/lessons/<id>/meta.ts is found here, and each
 * lesson's page is loaded on demand.
 */
import type { ComponentType } from 'react';
import type { LessonMeta } from './params';

/** What every lesson page receives; `view` says which chrome surrounds it. */
export interface LessonPageProps {
  view: 'full' | 'embed' | 'presenter';
}

const metas = import.meta.glob<{ meta: LessonMeta }>('./*/meta.ts', { eager: true });
const pages = import.meta.glob<{ default: ComponentType<LessonPageProps> }>('./*/page.tsx');

export const lessons: LessonMeta[] = Object.values(metas)
  .map((m) => m.meta)
  .sort((a, b) => a.order - b.order);

export function findLesson(id: string): LessonMeta | undefined {
  return lessons.find((l) => l.id === id);
}

export function loadPage(id: string): Promise<{ default: ComponentType<LessonPageProps> }> | null {
  const loader = pages[`./${id}/page.tsx`];
  return loader ? loader() : null;
}
