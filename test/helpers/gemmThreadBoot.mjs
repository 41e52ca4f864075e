// Node worker_threads bootstrap: load the TypeScript helper through tsx (a worker's
// execArgv --import does not register loaders in Node 20).
import { tsImport } from 'tsx/esm/api';
await tsImport('./gemmThreadNode.ts', import.meta.url);
