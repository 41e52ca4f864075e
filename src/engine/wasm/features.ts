/** Feature probes of the WebAssembly runtime (no kernel is built here). */

/**
 * Whether this runtime has relaxed SIMD: validates a one-instruction module
 * (Chromium 114+ and Node 22+ do; Node 20 only behind --experimental-wasm-relaxed-simd).
 */
export function relaxedSimdSupported(): boolean {
  if (typeof WebAssembly === 'undefined') return false;
  // (func (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  const probe = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b,
    0x03, 0x02, 0x01, 0x00,
    0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b,
  ]);
  try {
    return WebAssembly.validate(probe);
  } catch {
    return false;
  }
}
