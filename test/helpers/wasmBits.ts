import * as E from '../../src/engine';
import { setWasmEnabled } from '../../src/engine/wasm/enabled';

/** f's result as f32 bit patterns with the WebAssembly kernels on, then off (the JS loops): [fast, slow]. */
export function bitsWithAndWithoutWasm(f: () => E.Tensor): [number[], number[]] {
  const bits = (t: E.Tensor) => Array.from(new Int32Array(t.values.slice().buffer));
  setWasmEnabled(true);
  const fast = E.tidy(() => bits(f()));
  setWasmEnabled(false);
  try {
    return [fast, E.tidy(() => bits(f()))];
  } finally {
    setWasmEnabled(true);
  }
}
