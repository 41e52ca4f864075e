import type { ReactNode } from 'react';
import { COVER_TEXT, useResultsHidden } from './reveal';

/**
 * Wraps a result a class should predict before seeing (a result table, a
 * final count): while results are hidden its content keeps its space but is
 * invisible, and a neutral note covers it. The wrapper is always there, so
 * hiding and revealing never remount the content or move the layout.
 */
export function Covered({ children, className }: { children: ReactNode; className?: string }) {
  const hidden = useResultsHidden();
  return (
    <div className={className ? `covered ${className}` : 'covered'} data-covered={hidden ? '' : undefined}>
      {children}
      {hidden && (
        <div className="cover-note" role="note">
          {COVER_TEXT}
        </div>
      )}
    </div>
  );
}
