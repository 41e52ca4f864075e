/** A tiny history-API router: the path picks the view, the query holds the state. */
import { useSyncExternalStore } from 'react';
import { joinBase, stripBase } from './basePath';

export type Route =
  | { view: 'index' }
  | { view: 'lesson'; id: string }
  | { view: 'embed'; id: string }
  | { view: 'notFound'; path: string };

export function parseRoute(pathname: string): Route {
  const path = stripBase(import.meta.env.BASE_URL, pathname);
  if (path === '/' || path === '/index.html') return { view: 'index' };
  const m = /^\/(lesson|embed)\/([a-z0-9-]+)\/?$/.exec(path);
  if (m) return { view: m[1] as 'lesson' | 'embed', id: m[2] };
  return { view: 'notFound', path };
}

const listeners = new Set<() => void>();
function subscribe(f: () => void) {
  listeners.add(f);
  window.addEventListener('popstate', f);
  return () => {
    listeners.delete(f);
    window.removeEventListener('popstate', f);
  };
}

/** The current location's path and query; re-renders on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => location.pathname + location.search);
}

/** Navigates within the app without a reload. */
export function navigate(href: string): void {
  history.pushState(null, '', href);
  listeners.forEach((f) => f());
}

/** Rewrites the query of the current entry (state changes, not navigation). */
export function replaceQuery(query: URLSearchParams): void {
  const q = query.toString();
  const url = location.pathname + (q ? `?${q}` : '') + location.hash;
  if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
}

/** An app path ('/lesson/xor') as a link under the deploy's base path ('/course/dlp/lesson/xor'). */
export function href(path: string): string {
  return joinBase(import.meta.env.BASE_URL, path);
}
