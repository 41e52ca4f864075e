/**
 * Keyboard control of a lesson: p toggles presenter mode; while presenting,
 * arrows step through scenes, space plays and pauses, r resets, Escape leaves.
 */
import { useEffect } from 'react';
import type { LessonMeta } from '../ui/lesson';
import { goToScene } from './lessonState';
import { useStore } from '../ui/store';
import { pause, play, reset } from './workerBridge';

export function setPresenting(on: boolean): void {
  useStore.setState({ presenting: on });
  // full screen is a nicety: browsers refuse it without a user gesture, and that is fine
  try {
    if (on && !document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => {});
    if (!on && document.fullscreenElement) void document.exitFullscreen?.().catch(() => {});
  } catch {
    /* no full screen here */
  }
}

function typingInto(el: EventTarget | null): boolean {
  const t = el as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
}

/** Installs the lesson's keyboard shortcuts while the lesson is open. */
export function useShortcuts(meta: LessonMeta | undefined): void {
  useEffect(() => {
    if (!meta) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      const s = useStore.getState();
      switch (e.key) {
        case 'p':
        case 'P':
          setPresenting(!s.presenting);
          break;
        case 'Escape':
          if (!s.presenting) return;
          setPresenting(false);
          break;
        case 'ArrowRight':
        case 'PageDown':
          if (!s.presenting) return;
          goToScene(meta, Math.min(meta.scenes.length - 1, s.scene + 1));
          break;
        case 'ArrowLeft':
        case 'PageUp':
          if (!s.presenting) return;
          goToScene(meta, Math.max(0, s.scene - 1));
          break;
        case ' ':
          // buttons handle their own space; elsewhere (presenting) it toggles training
          if (!s.presenting || (e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
          if (s.playing) pause();
          else play();
          break;
        case 'r':
        case 'R':
          if (!s.presenting) return;
          reset();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    const onFullscreen = () => {
      if (!document.fullscreenElement && useStore.getState().presenting) useStore.setState({ presenting: false });
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      useStore.setState({ presenting: false });
    };
  }, [meta]);
}
