import type { ReactNode } from 'react';

/** Explanatory text: shown on the full page, left out of embeds and presenter mode. */
export function Prose({ view, children }: { view: 'full' | 'embed' | 'presenter'; children: ReactNode }) {
  if (view !== 'full') return null;
  return <div className="prose">{children}</div>;
}
