/**
 * Keyboard control of a lesson: p toggles presenter mode; while presenting,
 * arrows step through scenes, space plays and pauses (also right after a
 * mouse click on a button), r resets, c shows the compact controls over the
 * figure, d puts the scene's params back, h hides or reveals the results,
 * Escape closes the controls or leaves.
 */
import { useEffect } from 'react';
import type { LessonMeta } from '../ui/lesson';
import { goToPlayground, goToScene, restoreScene } from './lessonState';
import { useStore } from '../ui/store';
import { pause, play, reset } from './workerBridge';
import { toggleResults } from './reveal';

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

/** Whether focus last moved by pointer (a click) rather than by the keyboard (Tab). */
let focusByPointer = false;

/** A focused button that the user reached with the keyboard handles its own space; one just clicked does not. */
function keyboardFocusedButton(el: EventTarget | null): boolean {
  const t = el as HTMLElement | null;
  return !!t && t.tagName === 'BUTTON' && !focusByPointer;
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
          if (s.controlsOpen) useStore.setState({ controlsOpen: false });
          else setPresenting(false);
          break;
        case 'c':
        case 'C':
          if (!s.presenting) return;
          useStore.setState({ controlsOpen: !s.controlsOpen });
          break;
        case 'd':
        case 'D':
          if (!s.presenting) return;
          restoreScene(meta);
          break;
        case 'ArrowRight':
        case 'PageDown':
          if (!s.presenting) return;
          // past the last scene comes the Sandbox (scene -1), as in the scene tabs
          if (s.scene < 0) break;
          if (s.scene === meta.scenes.length - 1) goToPlayground(meta);
          else goToScene(meta, s.scene + 1);
          break;
        case 'ArrowLeft':
        case 'PageUp':
          if (!s.presenting) return;
          goToScene(meta, s.scene < 0 ? meta.scenes.length - 1 : Math.max(0, s.scene - 1));
          break;
        case ' ':
          // a button reached with the keyboard handles its own space; one last clicked with the
          // mouse keeps focus without a visible ring, and there space still plays and pauses
          if (!s.presenting || keyboardFocusedButton(e.target)) return;
          if (s.playing) pause();
          else play();
          break;
        case 'h':
        case 'H':
          if (!s.presenting) return;
          toggleResults();
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
    const onPointer = () => (focusByPointer = true);
    const onTab = (e: KeyboardEvent) => {
      if (e.key === 'Tab') focusByPointer = false;
    };
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('keydown', onTab, true);
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('keydown', onTab, true);
      document.removeEventListener('fullscreenchange', onFullscreen);
      useStore.setState({ presenting: false, controlsOpen: false });
    };
  }, [meta]);
}
