/**
 * Branch-free selects on f32 values through their bit patterns (the cpu kernels
 * of relu and its gradient). For the bit pattern v of an f32,
 * ((-v) & ~v) >> 31 is all ones when the value is > 0 and 0 otherwise (-0 and
 * negative values give 0; a NaN passes when its sign bit is clear). On
 * pre-activations, whose signs are random, `v > 0 ? v : 0` mispredicts the branch
 * on half the elements, and that loop ran about 8x slower than this select.
 * The kernels write the expression inline: a call to an imported helper costs a
 * module-binding lookup per element under some loaders.
 */

/** The f32 values' bit patterns (same memory). */
export const bits = (f: Float32Array): Int32Array => new Int32Array(f.buffer, f.byteOffset, f.length);
