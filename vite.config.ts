import { defineConfig } from 'vite';

export default defineConfig({
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
  },
} as any);
