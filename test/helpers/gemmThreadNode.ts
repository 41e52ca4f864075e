/** A gemm helper thread for Node (worker_threads): tests and the benchmark spawn it. */
import { parentPort, Worker } from 'node:worker_threads';
import { gemmThreadMain, type ThreadPort } from '../../src/engine/wasm/threads';

if (parentPort) {
  const port = parentPort;
  gemmThreadMain({ postMessage: (m) => port.postMessage(m), onFirstMessage: (f) => port.once('message', f) });
}

/** Spawns this file as a helper (through a bootstrap that loads it with tsx). */
export function spawnNodeGemmThread(): ThreadPort {
  const w = new Worker(new URL('./gemmThreadBoot.mjs', import.meta.url));
  w.unref();
  return w as unknown as ThreadPort;
}
