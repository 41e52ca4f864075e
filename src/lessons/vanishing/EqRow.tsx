import type { ReactNode } from 'react';

const ROW = { display: 'flex', flexWrap: 'wrap', justifyContent: 'center', alignItems: 'center', columnGap: '2.5rem', maxWidth: '100%' } as const;

/** Equations side by side on wide screens, one under the other on narrow ones. */
export function EqRow({ children }: { children: ReactNode }) {
  return <div style={ROW}>{children}</div>;
}
