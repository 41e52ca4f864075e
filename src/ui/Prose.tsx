import type { ReactNode } from 'react';

/**
 * Explanatory text: on the full page it comes after the figures, under a
 * "Read more" that starts folded (the first screen is the scene's caption,
 * transport, readout and figure); left out of embeds and presenter mode.
 */
export function Prose({ view, children }: { view: 'full' | 'embed' | 'presenter'; children: ReactNode }) {
  if (view !== 'full') return null;
  return (
    <details className="prose">
      <summary>Read more</summary>
      {children}
    </details>
  );
}
