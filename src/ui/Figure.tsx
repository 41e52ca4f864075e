import type { ReactNode } from 'react';
import { useStore } from './store';
import { useShown } from './hooks';
import { FigureContext } from './figureContext';
import { ExportMenu } from './export/ExportMenu';

/**
 * One figure of a lesson page, shown only while the scene lists its id
 * (`scene.show`); presenter mode and the figure-first layout find figures by
 * `data-figure`. The scene's first listed figure is its main one
 * (`data-main`): the layout gives it the most room. Each carries an export
 * menu, and its id names its plots' kept runs and exports.
 */
export function Figure({ id, children, className }: { id: string; children: ReactNode; className?: string }) {
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
