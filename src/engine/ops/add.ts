import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import { broadcastShapes, sameShape } from '../shape';
import { wasmEnabled } from '../wasm/gemm';
import { wasmAddScaled } from '../wasm/axpy';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { unbroadcast } from './unbroadcast';

/** a + b. Elementwise with NumPy broadcasting. */
export const addOp: OpDef = {
  name: 'add',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b]) => [needsGrad(a) ? unbroadcast(g, a.shape) : null, needsGrad(b) ? unbroadcast(g, b.shape) : null],
  cpu: (inputs, out) => {
    // two arrays of one shape (the autodiff summing a weight's gradient over the steps of a sequence):
    // the SIMD loop, a + 1 b having the bits of a + b
    const [ta, tb] = inputs;
    if (sameShape(ta.shape, tb.shape) && wasmEnabled() && wasmAddScaled(buf(ta), buf(tb), 1, buf(out))) return;
    addKernel(inputs, out, undefined);
  },
};
/** The compiled broadcasting loop (exported for the test that checks it was compiled). */
export const addKernel = binaryKernel({ name: 'add', expr: 'a + b', fn: (a, b) => a + b });

export function add(a: TensorLike, b: TensorLike): Tensor {
  return apply(addOp, [lift(a), lift(b)], undefined);
}
