import { defineConfig } from 'vite';

/**
 * The Content-Security-Policy of the built app, injected as a <meta> at build
 * time (the dev server keeps Vite's own client free of it). Only what the app
 * uses: scripts, workers and WebAssembly from our own origin
 * ('wasm-unsafe-eval' lets the engine compile the kernels it assembles; no
 * eval of JavaScript), KaTeX's inline style attributes, canvas/SVG exports as
 * data:/blob: images. frame-ancestors cannot be set from a <meta>, so any site
 * may still embed /embed/<id>.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** A Vite plugin that writes CSP into index.html of the build. */
function cspMeta() {
  return {
    name: 'dlp-csp-meta',
    apply: 'build' as const,
    transformIndexHtml(html: string): string {
      return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

// Cross-origin isolation for our own pages (SharedArrayBuffer: the cpu engine's
// matrix multiply runs on several threads). An embed inside a host page without
// isolation still loads; it runs on one thread.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  plugins: [cspMeta()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // engine code in a chunk of its own: a page that needs none of it (XOR) does not load it beside the worker's copy
    rollupOptions: { output: { manualChunks: (id: string) => (id.includes('/src/engine/') ? 'engine' : undefined) } },
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // beforeAll hooks that train a lesson take as long as a test on a loaded machine
    hookTimeout: 120_000,
    // packs public/digits.bin once per run (the digits tests read it)
    globalSetup: ['test/globalSetup.ts'],
    // in CI, name whatever keeps the run from exiting (a CI run once hung after its last file)
    reporters: process.env.CI ? ['default', 'hanging-process'] : ['default'],
    teardownTimeout: 20_000,
  },
} as any);
