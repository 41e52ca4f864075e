/**
 * Registers the service worker (offline use, vite.config.ts) and shows a quiet
 * note when a new deploy has installed beside the running one. The new version
 * never takes over a page that is open: it waits until the next visit, or until
 * the student presses Reload, which activates it and reloads the whole page.
 * Embeds inside other sites do not register (their host page is not offline
 * with them, and each host would get a partitioned copy of the whole cache).
 */
import { useEffect, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';

export function UpdateNote() {
  const [update, setUpdate] = useState<null | ((reload?: boolean) => Promise<void>)>(null);
  useEffect(() => {
    if (window.top !== window.self || !('serviceWorker' in navigator)) return;
    const updateSW = registerSW({ onNeedRefresh: () => setUpdate(() => updateSW) });
  }, []);
  if (!update) return null;
  return (
    <div role="status" className="update-note">
      Updated — reload for the new version.{' '}
      <button type="button" onClick={() => void update(true)}>
        Reload
      </button>
    </div>
  );
}
