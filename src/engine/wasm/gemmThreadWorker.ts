/// <reference lib="webworker" />
/**
 * A gemm helper thread in the browser: a module worker the training worker
 * starts (startGemmThreads) when the page is cross-origin isolated.
 */
import { gemmThreadMain } from './threads';

const scope = self as unknown as DedicatedWorkerGlobalScope;
gemmThreadMain({
  postMessage: (m) => scope.postMessage(m),
  onFirstMessage: (f) => {
    scope.onmessage = (e) => {
      scope.onmessage = null;
      f(e.data);
    };
  },
});
