/**
 * Predict, then reveal, in the shell: the Hide results / Reveal button, the
 * scene's question and caption (covered while hidden: a caption states the
 * result), and the rules that set the flag the kit reads (src/ui/reveal.ts):
 * `?hide=1` on load, the address kept in step, and in presenter mode a
 * scene with `predict` opens hidden.
 */
import { useEffect } from 'react';
import type { LessonMeta } from '../ui/lesson';
import { COVER_TEXT, setResultsHidden, useResultsHidden, useReveal } from '../ui/reveal';
import { useStore } from '../ui/store';
import { plainMath } from '../ui/text';
import { replaceQuery } from './router';

/** The query key that starts a lesson (or an embed) with its results hidden. */
export const HIDE_KEY = 'hide';

export function toggleResults(): void {
  setResultsHidden(!useReveal.getState().hidden);
}

/** The button beside the transport: "Hide results" while shown, "Reveal" while hidden. */
export function RevealButton() {
  const hidden = useResultsHidden();
  return (
    <button
      type="button"
      className="reveal-toggle"
      aria-pressed={hidden}
      data-reveal-toggle
      onClick={toggleResults}
      title={hidden ? 'Show the results (key h while presenting)' : 'Hide the readouts, result tables and curves until the class has predicted (key h while presenting)'}
    >
      {/* a phone shows the short word; the name stays "Hide results" */}
      {hidden ? 'Reveal' : (
        <>
          Hide<span className="toggle-label"> results</span>
        </>
      )}
    </button>
  );
}

/**
 * The scene's question (if it has one) above its caption. While results are
 * hidden the caption, which says what happens, is covered in place: its space
 * is kept, so revealing moves nothing.
 */
export function SceneCaption({ caption, question, className }: { caption: string; question?: string; className: string }) {
  const hidden = useResultsHidden();
  return (
    <>
      {question && (
        <p className="scene-question" data-question>
          <span className="q-label">Question for the class: </span>
          {plainMath(question)}
        </p>
      )}
      {(caption || hidden) && (
        <p className={`${className} caption-stack`} data-covered={hidden ? '' : undefined}>
          <span data-off={hidden ? '' : undefined}>{plainMath(caption)}</span>
          {hidden && <span className="caption-cover">{COVER_TEXT}</span>}
        </p>
      )}
    </>
  );
}

/** Whether a query asks for hidden results. */
export function hiddenInQuery(query: URLSearchParams): boolean {
  const v = query.get(HIDE_KEY);
  return v === '1' || v === 'true';
}

/** Sets the flag from the address when a lesson opens, keeps `?hide=1` in step, and applies scenes' `predict` while presenting. */
export function useRevealSync(meta: LessonMeta | undefined): void {
  useEffect(() => {
    if (!meta) return;
    setResultsHidden(hiddenInQuery(new URLSearchParams(location.search)));
    const unsubReveal = useReveal.subscribe((s) => {
      const q = new URLSearchParams(location.search);
      if (s.hidden) q.set(HIDE_KEY, '1');
      else q.delete(HIDE_KEY);
      replaceQuery(q);
    });
    const unsubScene = useStore.subscribe((s, prev) => {
      if (!s.presenting) return;
      // entering presenter mode hides a predict scene; each scene change while presenting takes the new scene's own setting
      if (s.scene !== prev.scene) setResultsHidden(!!meta.scenes[s.scene]?.predict);
      else if (!prev.presenting && meta.scenes[s.scene]?.predict) setResultsHidden(true);
    });
    return () => {
      unsubReveal();
      unsubScene();
      setResultsHidden(false);
    };
  }, [meta]);
}
