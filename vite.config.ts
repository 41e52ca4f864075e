import { defineConfig } from 'vite';
import { cspMeta } from './csp';

export default defineConfig({
  plugins: [cspMeta()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
} as any);
