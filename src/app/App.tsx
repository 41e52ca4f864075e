import { EmbedShell } from './EmbedShell';
import { Home } from './Home';
import { LessonShell, NotFound } from './LessonShell';
import { parseRoute, useLocation } from './router';
import { applyStoredTheme } from './theme';
import { UpdateNote } from './UpdateNote';

applyStoredTheme();

export function App() {
  return (
    <>
      <Routed />
      <UpdateNote />
    </>
  );
}

function Routed() {
  const loc = useLocation();
  const route = parseRoute(loc.split('?')[0]);
  switch (route.view) {
    case 'index':
      return <Home />;
    case 'lesson':
      return <LessonShell key={route.id} id={route.id} />;
    case 'embed':
      return <EmbedShell key={route.id} id={route.id} />;
    case 'notFound':
      return <NotFound what={`page at ${route.path}`} />;
  }
}
