import { defineConfig } from 'vite';

// Cross-origin isolation for our own pages (SharedArrayBuffer: the cpu engine's
// matrix multiply runs on several threads). An embed inside a host page without
// isolation still loads; it runs on one thread.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
} as any);
