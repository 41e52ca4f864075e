import { defineConfig } from 'vite';

export default defineConfig({
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // beforeAll hooks that train a lesson take as long as a test on a loaded machine
    hookTimeout: 120_000,
    // packs public/digits.bin once per run (the digits tests read it)
    globalSetup: ['test/globalSetup.ts'],
  },
} as any);
