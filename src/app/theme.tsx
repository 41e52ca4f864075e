/**
 * Light and dark themes: the page follows prefers-color-scheme until the
 * reader picks one with the toggle; the choice is kept in localStorage and set
 * as <html data-theme>. Colours live in CSS variables (src/ui/styles.css).
 */
import { useState } from 'react';

type Theme = 'light' | 'dark';
const KEY = 'dlp-theme';

function stored(): Theme | null {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch {
    return null;
  }
}

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Applies a stored choice before the first render (no flash of the other theme). */
export function applyStoredTheme(): void {
  const t = stored();
  if (t) document.documentElement.dataset.theme = t;
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => stored() ?? systemTheme());
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={theme === 'dark'}
      title={`Switch to the ${next} theme`}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        try {
          localStorage.setItem(KEY, next);
        } catch {
          /* private mode: the choice lasts for this page */
        }
        setTheme(next);
      }}
    >
      <span aria-hidden="true">◐</span>
      <span className="theme-label"> Dark theme</span>
    </button>
  );
}
