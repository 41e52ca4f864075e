import type { LessonMeta } from '../ui/lesson';
import { plainMath } from '../ui/text';
import { lessons } from './registry';
import { href, navigate } from './router';
import { ThemeToggle } from './theme';
import { Thumbnail } from './thumbnails';

/** Minutes a lesson takes: its own estimate, else about three per scene. */
function minutes(l: LessonMeta): number {
  return l.minutes ?? Math.max(5, 3 * l.scenes.length);
}

/** The home page: one card per lesson, with a sketch of its main figure, what it teaches and how long it takes. */
export function Home() {
  return (
    <main className="index">
      <header className="index-header">
        <h1>Deep Learning Playground</h1>
        <ThemeToggle />
      </header>
      <p className="lede">Train real neural networks in your browser and watch what happens inside them. Every lesson runs a live network on your machine.</p>
      <ol className="lesson-cards">
        {lessons.map((l) => (
          <li key={l.id} className="card">
            <Thumbnail id={l.id} />
            <div>
              <h2>
                <a
                  href={href(`/lesson/${l.id}`)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(href(`/lesson/${l.id}`));
                  }}
                >
                  {plainMath(l.title)}
                </a>
              </h2>
              <p>{plainMath(l.summary)}</p>
              <p className="card-meta">
                {l.scenes.length} scenes · about {minutes(l)} min
              </p>
            </div>
          </li>
        ))}
      </ol>
    </main>
  );
}
