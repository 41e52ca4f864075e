/** The lessons the browser suite covers: every src/lessons/<id>/meta.ts, so a new lesson is tested without a new spec. */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonMeta } from '../src/ui/lesson';

const dir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../src/lessons');
export const lessonIds = readdirSync(dir).filter((d) => existsSync(resolve(dir, d, 'meta.ts')));

export async function lessonMeta(id: string): Promise<LessonMeta> {
  return ((await import(`../src/lessons/${id}/meta.ts`)) as { meta: LessonMeta }).meta;
}
