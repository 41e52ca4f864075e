import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { binaryCases } from '../opCase';
import { buf, type OpDef } from '../op';
import { broadcastShapes, isTrailing, sameShape } from '../shape';
import { wasmEnabled } from '../wasm/enabled';
import { wasmAddRow, wasmAddScaled } from '../wasm/elementwise';
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
    // and a bias row repeated down the batch (f32 addition commutes bit for bit, so either side may be the row)
    const [ta, tb] = inputs;
    if (wasmEnabled()) {
      if (sameShape(ta.shape, tb.shape) && wasmAddScaled(buf(ta), buf(tb), 1, buf(out))) return;
      if (ta.size === out.size && isTrailing(tb.shape, out.shape) && wasmAddRow(buf(ta), buf(tb), buf(out))) return;
      if (tb.size === out.size && isTrailing(ta.shape, out.shape) && wasmAddRow(buf(tb), buf(ta), buf(out))) return;
    }
    addKernel(inputs, out, undefined);
  },
  webgpu: elementwiseKernel('add', 'a + b'),
  cases: binaryCases('add', (a, b) => add(a, b)),
};
/** The compiled broadcasting loop (exported for the test that checks it was compiled). */
export const addKernel = binaryKernel({ name: 'add', expr: 'a + b', fn: (a, b) => a + b });

export function add(a: TensorLike, b: TensorLike): Tensor {
  return apply(addOp, [lift(a), lift(b)], undefined);
}
