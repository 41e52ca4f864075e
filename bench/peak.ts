/**
 * The machine's single-thread WebAssembly SIMD peak, for reading the gemm
 * figures against (`node --experimental-wasm-relaxed-simd --import tsx bench/peak.ts`):
 * a loop of 12 independent f32x4 multiply-adds on registers (no loads), as
 * relaxed_madd (one FMA where the CPU has FMA) and as a multiply then an add.
 * 12 chains cover two FMA pipes of 4-5 cycles' latency. Not part of npm test.
 */
import { buildModule, I32, op, V128 } from '../src/engine/wasm/emit';
import { relaxedSimdSupported } from '../src/engine/wasm/features';
import { pathToFileURL } from 'node:url';

const CHAINS = 12;
const N = 0, ACC = (i: number) => 1 + i, X = 1 + CHAINS, Y = 2 + CHAINS;

function body(relaxed: boolean): number[] {
  const b: number[] = [];
  const e = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  for (let i = 0; i < CHAINS; i++) e(op.v128Zero, op.localSet(ACC(i)));
  e(op.f64Const(0.999), [0xb6], op.f32x4Splat, op.localSet(X)); // f32.demote_f64, splat
  e(op.f64Const(1e-7), [0xb6], op.f32x4Splat, op.localSet(Y));
  e(op.loop);
  for (let i = 0; i < CHAINS; i++) {
    if (relaxed) e(op.localGet(ACC(i)), op.localGet(X), op.localGet(Y), op.f32x4RelaxedMadd, op.localSet(ACC(i)));
    else e(op.localGet(ACC(i)), op.localGet(X), op.f32x4Mul, op.localGet(Y), op.f32x4Add, op.localSet(ACC(i)));
  }
  e(op.localGet(N), op.i32Const(1), op.i32Sub, op.localTee(N), op.brIf(0));
  e(op.end);
  // keep the sums live: store one lane of their total at address 0
  e(op.i32Const(0), op.localGet(ACC(0)));
  for (let i = 1; i < CHAINS; i++) e(op.localGet(ACC(i)), op.f32x4Add);
  e(op.v128Store(0));
  return b;
}

/** GFLOP/s of the multiply-add loop on this thread. */
export function simdPeak(relaxed: boolean): number {
  const mem = new WebAssembly.Memory({ initial: 1 });
  const bytes = buildModule([{ name: 'run', params: [I32], locals: new Array(CHAINS + 2).fill(V128), body: body(relaxed) }]);
  const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } }).exports.run as (n: number) => void;
  const iters = 2_000_000;
  run(iters); // tier up
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    run(iters);
    best = Math.min(best, performance.now() - t0);
  }
  return (iters * CHAINS * 8) / (best * 1e6); // 4 lanes x 2 flops per multiply-add
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`multiply then add (f32x4.mul, f32x4.add): ${simdPeak(false).toFixed(1)} GFLOP/s`);
  if (relaxedSimdSupported()) console.log(`fused (f32x4.relaxed_madd): ${simdPeak(true).toFixed(1)} GFLOP/s`);
  else console.log('relaxed SIMD not available here (Node 20: --experimental-wasm-relaxed-simd)');
}
