/**
 * The lesson registry: every src/lessons/<id>/meta.ts is found here, and each
 * lesson's page is loaded on demand.
 */
import type { ComponentType } from 'react';
import type { LessonMeta, LessonPageProps } from '../ui/lesson';

const metas = import.meta.glob<{ meta: LessonMeta }>('../lessons/*/meta.ts', { eager: true });
const pages = import.meta.glob<{ default: ComponentType<LessonPageProps> }>('../lessons/*/page.tsx');

export const lessons: LessonMeta[] = Object.values(metas)
  .map((m) => m.meta)
  .sort((a, b) => a.order - b.order);

export function findLesson(id: string): LessonMeta | undefined {
  return lessons.find((l) => l.id === id);
}

export function loadPage(id: string): Promise<{ default: ComponentType<LessonPageProps> }> | null {
  const loader = pages[`../lessons/${id}/page.tsx`];
  return loader ? loader() : null;
}
