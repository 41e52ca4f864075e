/**
 * Base-path arithmetic for hosting the built app under a sub-path of a static
 * host (DLP_BASE=/course/dlp/ npm run build -> Vite's `base`). Pure, so the
 * router's rules are unit-tested without a browser.
 */

/** The base as Vite gives it ('/' or '/course/dlp/'), without its trailing slash ('' or '/course/dlp'). */
export function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

/**
 * The app path of a location's pathname: '/course/dlp/lesson/xor' -> '/lesson/xor'
 * under base '/course/dlp/'. A pathname outside the base (or one that only
 * shares a prefix, '/course/dlpx') is returned unchanged, so it routes to "not found".
 */
export function stripBase(base: string, pathname: string): string {
  const b = trimBase(base);
  if (!b) return pathname || '/';
  if (pathname === b) return '/';
  if (pathname.startsWith(`${b}/`)) return pathname.slice(b.length);
  return pathname;
}

/** The pathname of an app path under the base: ('/course/dlp/', '/lesson/xor') -> '/course/dlp/lesson/xor'. */
export function joinBase(base: string, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return trimBase(base) + p;
}

/**
 * The DLP_BASE environment value as a Vite base: always a leading and a
 * trailing slash ('course/dlp' -> '/course/dlp/'); empty or unset -> '/'.
 * A path on the same host only: the router pushes history entries under it.
 */
export function normalizeBase(raw: string | undefined): string {
  const s = (raw ?? '').trim();
  if (!s || s === '/') return '/';
  if (/^[a-z]+:/i.test(s) || s.includes('..')) throw new Error(`DLP_BASE must be a path such as /course/dlp/, not ${s}`);
  const inner = s.replace(/^\/+|\/+$/g, '');
  return `/${inner}/`;
}
