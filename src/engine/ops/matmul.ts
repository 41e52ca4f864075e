import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';

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
    transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB),
    transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false),
  ],
  cpu: ([ta, tb], out, { transA, transB }) => {
    const A = buf(ta);
    const B = buf(tb);
    const C = buf(out);
    const [m, n] = out.shape;
    const k = transA ? ta.shape[0] : ta.shape[1];
    // strides of op(A) and op(B) so one loop nest serves all four cases
    const aRow = transA ? 1 : k;
    const aCol = transA ? m : 1;
    C.fill(0);
    if (!transB) {
      // i-k-j order: the inner loop walks rows of B and C contiguously
      for (let i = 0; i < m; i++) {
        const ci = i * n;
        for (let p = 0; p < k; p++) {
          const av = A[i * aRow + p * aCol];
          if (av === 0) continue;
          const bp = p * n;
          for (let j = 0; j < n; j++) C[ci + j] += av * B[bp + j];
        }
      }
    } else {
      // B stored [n,k]: dot products of contiguous rows
      for (let i = 0; i < m; i++) {
        const ci = i * n;
        for (let j = 0; j < n; j++) {
          const bj = j * k;
          let s = 0;
          if (!transA) {
            const ai = i * k;
            for (let p = 0; p < k; p++) s += A[ai + p] * B[bj + p];
          } else {
            for (let p = 0; p < k; p++) s += A[p * m + i] * B[bj + p];
          }
          C[ci + j] = s;
        }
      }
    }
  },
};

export function matmul(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  return apply(matmulOp, [a, b], { transA, transB });
}
