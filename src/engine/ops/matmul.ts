import { apply } from '../engine';
import { matmulProgram } from '../backends/webgpu/matmul';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { needsGrad } from './lift';
import { gemm } from '../backends/gemm';

export interface MatmulAttrs {
  transA: boolean;
  transB: boolean;
}

/**
 * C = op(A) op(B) for 2-D A, B where op transposes when asked:
 * [m,k] x [k,n] -> [m,n]. dA = g op(B)^T, dB = op(A)^T g (transposes folded in).
 */
export const matmulOp: OpDef<MatmulAttrs> = {
  name: 'matmul',
  shape: ([a, b], { transA, transB }) => {
    if (a.length !== 2 || b.length !== 2) throw new Error('matmul needs 2-D tensors');
    const [m, k] = transA ? [a[1], a[0]] : a;
    const [k2, n] = transB ? [b[1], b[0]] : b;
    if (k !== k2) throw new Error(`matmul: inner sizes ${k} and ${k2} differ`);
    return [m, n];
  },
  vjp: (g, [a, b], _out, { transA, transB }) => [
    needsGrad(a) ? (transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB)) : null,
    needsGrad(b) ? (transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false)) : null,
  ],
  cpu: ([ta, tb], out, { transA, transB }) => {
    const [m, n] = out.shape;
    const k = transA ? ta.shape[0] : ta.shape[1];
    gemm(buf(ta), 0, transA, buf(tb), 0, transB, buf(out), 0, m, n, k, false);
  },
  webgpu: ([a, b], out, { transA, transB }) => matmulProgram(a, b, out, transA, transB),
  cases: [
    opCase('matmul [3,4]x[4,5]', [S(3, 4), S(4, 5)], (a, b) => matmul(a, b)),
    opCase('matmul [1,33]x[33,17]', [S(1, 33), S(33, 17)], (a, b) => matmul(a, b)),
    opCase('matmul tA [20,18]^T x[20,9]', [S(20, 18), S(20, 9)], (a, b) => matmul(a, b, true, false)),
    opCase('matmul tB [7,40]x[19,40]^T', [S(7, 40), S(19, 40)], (a, b) => matmul(a, b, false, true)),
    opCase('matmul tA tB [16,5]^T x[3,16]^T', [S(16, 5), S(3, 16)], (a, b) => matmul(a, b, true, true)),
    opCase('matmul [64,100]x[100,48]', [S(64, 100), S(100, 48)], (a, b) => matmul(a, b)),
  ],
};

export function matmul(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  return apply(matmulOp, [a, b], { transA, transB });
}
