/** Starts the suite worker for ?run=ops|training|loss and exposes its answer as window.__suite. */
const run = new URLSearchParams(location.search).get('run') ?? 'ops';
const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const done = (v: unknown) => {
  (window as unknown as { __suite: unknown }).__suite = v;
  document.getElementById('out')!.textContent = JSON.stringify(v, null, 1).slice(0, 20000);
};
w.onmessage = (e) => done(e.data);
w.onerror = (e) => done({ error: e.message || 'worker failed to start' });
w.postMessage(run);
