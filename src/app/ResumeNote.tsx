import type { LessonMeta } from '../ui/lesson';
import { startOver, useResumeNote } from './resume';

/** "Restored your last settings": after a bare address reopened the saved scene and params, a way back to scene 1. */
export function ResumeNote({ meta }: { meta: LessonMeta }) {
  const restored = useResumeNote((s) => s.restored);
  if (!restored) return null;
  return (
    <div className="note-box resume-note" role="status" data-resume-note>
      <p>Restored your last settings.</p>
      <button type="button" onClick={() => startOver(meta)}>
        Start over
      </button>
      <button type="button" onClick={() => useResumeNote.setState({ restored: false })}>
        Dismiss
      </button>
    </div>
  );
}
