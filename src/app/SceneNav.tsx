import type { LessonMeta } from '../ui/lesson';
import { useStore } from '../ui/store';
import { plainMath } from '../ui/text';
import { goToPlayground, goToScene } from './lessonState';
import { SceneCaption } from './reveal';
import { ClaimList } from './claims/ClaimList';

/** Scene tabs (the free sandbox last: no tab name may contain "play", which would clash with the Play button's name), then the scene's title and caption: the lesson's voice, in reading type. */
export function SceneNav({ meta }: { meta: LessonMeta }) {
  const scene = useStore((s) => s.scene);
  const current = meta.scenes[scene];
  return (
    <>
      <nav className="scenes" aria-label="Scenes">
        <ol>
          {meta.scenes.map((s, i) => (
            <li key={s.title}>
              <button type="button" aria-current={i === scene ? 'step' : undefined} onClick={() => goToScene(meta, i)}>
                <span className="scene-n">{i + 1}</span> {plainMath(s.title)}
              </button>
            </li>
          ))}
          <li>
            <button type="button" aria-current={scene < 0 ? 'step' : undefined} onClick={() => goToPlayground(meta)} title="Every figure and every control, from the lesson's defaults">
              Sandbox
            </button>
          </li>
        </ol>
      </nav>
      <div className="scene-head" aria-live="polite">
        <h2>{current ? plainMath(current.title) : 'Sandbox'}</h2>
        <SceneCaption caption={current ? (current.caption ?? '') : 'Every figure and every control, starting from the lesson’s defaults.'} question={current?.question} className="caption" />
        <ClaimList meta={meta} />
      </div>
    </>
  );
}
