import { useRef, useState } from 'react';
import { useDismiss } from '../../ui/hooks';
import { keepRun, useKept } from '../../ui/compare/kept';
import type { LessonMeta } from '../../ui/lesson';
import { useResultsHidden } from '../../ui/reveal';
import { useStore } from '../../ui/store';
import { claimsOf } from '../claims/liveClaims';
import { runMoreSeeds, SEEDS_PER_BATCH, useSeedRuns } from '../claims/seedRuns';
import { toggleResults } from '../reveal';

/**
 * A phone's transport has no room for the controls toggle, Keep this run,
 * Hide results and Run 5 seeds beside Play: one "More" button there opens
 * them as a menu (wide screens show the buttons themselves and never this).
 */
export function PhoneMenu({ meta, controls, onControls }: { meta: LessonMeta; /** whether the controls panel is open */ controls: boolean; onControls: () => void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const hidden = useResultsHidden();
  const charts = useKept((s) => s.charts);
  const scene = useStore((s) => s.scene);
  const seedsBusy = useSeedRuns((s) => s.queue.length > 0);
  const hasClaims = claimsOf(meta, scene).length > 0;
  useDismiss(ref, open, () => setOpen(false));
  const choose = (f: () => void) => () => {
    setOpen(false);
    f();
  };
  return (
    <div className="phone-menu" ref={ref}>
      <button type="button" className="phone-menu-toggle" aria-haspopup="menu" aria-expanded={open} aria-label="More actions" onClick={() => setOpen(!open)}>
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div className="phone-menu-list" role="menu" aria-label="More actions">
          <button type="button" role="menuitem" aria-controls="lesson-controls" onClick={choose(onControls)}>
            {controls ? 'Hide controls' : 'Show controls'}
          </button>
          <button type="button" role="menuitem" disabled={!charts} onClick={choose(keepRun)}>
            Keep this run
          </button>
          <button type="button" role="menuitem" onClick={choose(toggleResults)}>
            {hidden ? 'Reveal results' : 'Hide results'}
          </button>
          {hasClaims && (
            <button type="button" role="menuitem" disabled={seedsBusy} onClick={choose(() => void runMoreSeeds(meta, scene))}>
              Run {SEEDS_PER_BATCH} seeds
            </button>
          )}
        </div>
      )}
    </div>
  );
}
