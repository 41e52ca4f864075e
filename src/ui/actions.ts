/**
 * What a lesson page may ask of the app shell, without importing it (the
 * shell sits a layer above the lessons): the shell provides the handlers when
 * it opens a lesson.
 */
import type { Values } from './params';

export interface LessonActions {
  /** Sets some of the open lesson's params, as a control would (URL and worker follow). */
  changeParams(p: Values): void;
}

let current: LessonActions | null = null;

/** Called by the app shell when a lesson opens. */
export function provideLessonActions(actions: LessonActions | null): void {
  current = actions;
}

/** Sets params of the open lesson (ignored when no lesson is open). */
export function changeParams(p: Values): void {
  current?.changeParams(p);
}
