import type { ReactNode } from 'react';
import { useStore } from './store';
import { useShown } from './hooks';
import { FigureContext } from './figureContext';
import { ExportMenu } from './export/ExportMenu';
import type { LessonMeta } from './lesson';
import type { Param } from './params';

export interface FigureProps<F extends string = string> {
  id: F;
  children: ReactNode;
  className?: string;
}

/**
 * One figure of a lesson page, shown only while the scene lists its id
 * (`scene.show`); presenter mode and the figure-first layout find figures by
 * `data-figure`. The scene's first listed figure is its main one
 * (`data-main`): the layout gives it the most room. Each carries an export
 * menu, and its id names its plots' kept runs and exports.
 */
export function Figure({ id, children, className }: FigureProps) {
  const shown = useShown();
  const main = useStore((s) => s.show?.[0] === id);
  if (!shown(id)) return null;
  return (
    <div className={className ? `figure ${className}` : 'figure'} data-figure={id} data-main={main ? '' : undefined}>
      <FigureContext.Provider value={id}>{children}</FigureContext.Provider>
      <ExportMenu id={id} />
    </div>
  );
}

/**
 * The lesson's own <Figure>, whose `id` must be one of the lesson's declared
 * `figures`: a typo is a compile error, not a figure that never shows.
 * Lesson folders import it from their `figure.ts` (`figureFor(meta)`).
 */
export function figureFor<F extends string>(
  _meta: LessonMeta<readonly Param[], F>,
  // A `figures` list that widened to string[] (a spread of a non-const array)
  // would check nothing: such a call asks for an argument of type never.
  ..._literalIdsOnly: string extends F ? [never] : []
): (props: FigureProps<F>) => ReactNode {
  return Figure;
}
