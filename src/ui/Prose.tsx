import { useState, type ReactNode } from 'react';

/**
 * Explanatory text: on the full page it comes after the figures, under a
 * "Read more" that a phone starts folded; left out of embeds and presenter mode.
 */
export function Prose({ view, children }: { view: 'full' | 'embed' | 'presenter'; children: ReactNode }) {
  const [open] = useState(() => typeof matchMedia !== 'function' || matchMedia('(min-width: 760px)').matches);
  if (view !== 'full') return null;
  return (
    <details className="prose" open={open}>
      <summary>Read more</summary>
      {children}
    </details>
  );
}
