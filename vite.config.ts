import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { normalizeBase } from './src/app/basePath';
import { pwaIcons } from './scripts/pwaIcons';

/** Where the app is served from: DLP_BASE=/course/dlp/ npm run build (default '/'). */
const base = normalizeBase(process.env.DLP_BASE);

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

/**
 * A copy of index.html as 404.html: static hosts without a server-side
 * fallback (GitHub Pages and most course web spaces) answer a deep link such as
 * <base>lesson/xor with their 404.html, and the app's router reads the path from
 * the address and opens the lesson.
 */
function notFoundFallback() {
  let outDir = 'dist';
  return {
    name: 'dlp-404-fallback',
    apply: 'build' as const,
    configResolved(c: { root: string; build: { outDir: string } }) {
      // resolve, not join: an absolute --outDir (a build beside dist) stays absolute
      outDir = resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      writeFileSync(join(outDir, '404.html'), readFileSync(join(outDir, 'index.html')));
    },
  };
}

/**
 * Offline and installable (vite-plugin-pwa generates a Workbox service worker).
 * It precaches the whole build: code, worker chunks, CSS, KaTeX's woff2 fonts
 * (every browser with service workers reads woff2, so the woff/ttf copies stay
 * out) and digits.bin (1.6 MB, over Workbox's 2 MiB default only with room to
 * grow, so the limit is raised). Navigations to any app path (/lesson/<id>,
 * /embed/<id>, the index) answer with the precached index.html; its stored
 * response keeps the COOP/COEP headers the host sent, so an offline page stays
 * cross-origin isolated wherever the online one was. registerType 'prompt':
 * a new deploy installs beside the old one and waits; it takes over when every
 * tab of the old one is closed (the next visit) or when the student presses
 * "Reload" on the quiet note, never in the middle of a page (src/app/UpdateNote.tsx).
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeManifestIcons: false,
  manifest: {
    name: 'Deep Learning Playground',
    short_name: 'DL Playground',
    description: 'Train real neural networks in your browser and watch them learn.',
    display: 'standalone',
    theme_color: '#0072B2',
    background_color: '#ffffff',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,woff2,bin,png,wasm}'],
    globIgnores: ['404.html'],
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    // tested against path + query (?backend=cpu)
    navigateFallbackAllowlist: [/\/(lesson|embed)\/[a-z0-9-]+\/?(\?|$)/, /\/(\?|$)/],
    cleanupOutdatedCaches: true,
  },
});

// Cross-origin isolation for our own pages (SharedArrayBuffer: the cpu engine's
// matrix multiply runs on several threads). An embed inside a host page without
// isolation still loads; it runs on one thread.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base,
  plugins: [cspMeta(), pwaIcons(), notFoundFallback(), pwa],
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
