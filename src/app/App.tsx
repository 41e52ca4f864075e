import { EmbedShell } from './EmbedShell';
import { Home } from './Home';
import { LessonShell, NotFound } from './LessonShell';
import { parseRoute, useLocation } from './router';
import { applyStoredTheme } from './theme';

applyStoredTheme();

export function App() {
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
