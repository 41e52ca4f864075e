import { lessons } from './registry';
import { EmbedShell } from './EmbedShell';
import { LessonShell, NotFound } from './LessonShell';
import { href, navigate, parseRoute, useLocation } from './router';

function Index() {
  return (
    <main className="index">
      <h1>Deep Learning Playground</h1>
      <p>Train real neural networks in your browser and watch what happens inside them. Every lesson runs a live network on your machine.</p>
      <ol className="lesson-list">
        {lessons.map((l) => (
          <li key={l.id}>
            <a
              href={href(`/lesson/${l.id}`)}
              onClick={(e) => {
                e.preventDefault();
                navigate(href(`/lesson/${l.id}`));
              }}
            >
              <strong>{l.title}</strong>
            </a>
            <p>{l.summary}</p>
          </li>
        ))}
      </ol>
    </main>
  );
}

export function App() {
  const loc = useLocation();
  const route = parseRoute(loc.split('?')[0]);
  switch (route.view) {
    case 'index':
      return <Index />;
    case 'lesson':
      return <LessonShell key={route.id} id={route.id} />;
    case 'embed':
      return <EmbedShell key={route.id} id={route.id} />;
    case 'notFound':
      return <NotFound what={`page at ${route.path}`} />;
  }
}
