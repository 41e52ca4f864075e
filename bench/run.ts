/**
 * `npm run bench`: trains the same models on our engine and on TensorFlow.js
 * (cpu and wasm backends) in one run and prints medians and ratios, then the
 * matmul throughput. Not part of `npm test`.
 * Filter with BENCH=xor,mlp8,... and BACKENDS=ours,tfjs-cpu,tfjs-wasm; REPEAT=3 runs each
 * measurement in three processes and reports the median (and each process pair's ratio).
 * Every measurement runs in a fresh child process (no heap or JIT state shared
 * between engines), and the engines take turns model by model so that they see
 * the same load on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { oursMatmul, oursModel, type Model } from './ours';
import { perRoundFor, time } from './stats';

type Runner = 'ours' | 'tfjs-cpu' | 'tfjs-wasm';
type Row = { id: Model | `${Model}@2t`; label: string; unit: 'us/step' | 'ms/step' | 'ex/s'; target: string; check: (r: Record<Runner, number | null>, table: Record<string, Record<Runner, number | null>>) => boolean | null; oursOnly?: boolean };
const MODELS: Row[] = [
  { id: 'xor', label: 'XOR 2-2-1 (batch 4)', unit: 'us/step', target: '<= 20 us', check: (r) => (r.ours === null ? null : r.ours <= 0.02) },
  { id: 'mlp8', label: '2-8-8-1 tanh (batch 32)', unit: 'us/step', target: '>= 10x tfjs-cpu', check: (r) => (r.ours === null || r['tfjs-cpu'] === null ? null : r['tfjs-cpu'] / r.ours >= 10) },
  { id: 'mnistMlp', label: '784-500-500-10 (batch 64)', unit: 'ms/step', target: '>= 8x tfjs-wasm', check: (r) => (r.ours === null || r['tfjs-wasm'] === null ? null : r['tfjs-wasm'] / r.ours >= 8) },
  { id: 'mnistMlpBn', label: '784-500-500-10 with batch norm after each hidden layer (batch 64)', unit: 'ms/step', target: '>= tfjs-wasm', check: (r) => (r.ours === null || r['tfjs-wasm'] === null ? null : r.ours <= r['tfjs-wasm']) },
  { id: 'mnistMlp@2t', label: '784-500-500-10 (batch 64), ours on 2 threads (an isolated page)', unit: 'ms/step', target: 'faster than 1 thread', oursOnly: true, check: (r, t) => (r.ours === null || t.mnistMlp?.ours == null ? null : r.ours < t.mnistMlp.ours) },
  { id: 'cnn', label: 'digits CNN conv5x5x8-pool-conv5x5x16-pool (batch 20)', unit: 'ex/s', target: '>= 250x tfjs-cpu', check: (r) => (r.ours === null || r['tfjs-cpu'] === null ? null : r['tfjs-cpu'] / r.ours >= 250) },
  { id: 'lstm', label: 'LSTM 32 units, T 20 (batch 16)', unit: 'ms/step', target: '>= 10x tfjs-wasm', check: (r) => (r.ours === null || r['tfjs-wasm'] === null ? null : r['tfjs-wasm'] / r.ours >= 10) },
  { id: 'lstmComposite', label: 'LSTM as above, cell from primitives (before fusing)', unit: 'ms/step', target: 'fused >= 2x this', oursOnly: true, check: (r, t) => (r.ours === null || t.lstm?.ours == null ? null : r.ours / t.lstm.ours >= 2) },
  { id: 'aeLayer', label: 'pretraining: AE layer 784-256-784 sigmoid (batch 64)', unit: 'ms/step', target: '<= tfjs-wasm', check: (r) => (r.ours === null || r['tfjs-wasm'] === null ? null : r.ours <= r['tfjs-wasm']) },
  { id: 'finetune', label: 'pretraining: fine-tune 784-256-128-10 (batch 64)', unit: 'ms/step', target: '<= tfjs-wasm', check: (r) => (r.ours === null || r['tfjs-wasm'] === null ? null : r.ours <= r['tfjs-wasm']) },
  { id: 'race', label: 'LSTM lesson race: RNN + LSTM + GRU, 32 units, T 20 (batch 16)', unit: 'ms/step', target: '<= tfjs-wasm', check: (r) => (r.ours === null || r['tfjs-wasm'] === null ? null : r.ours <= r['tfjs-wasm']) },
];
const want = (process.env.BENCH ?? MODELS.map((m) => m.id).join(',')).split(',');
const runners = (process.env.BACKENDS ?? 'ours,tfjs-cpu,tfjs-wasm').split(',') as Runner[];
const SIZES = [64, 256, 512];
const WARM_MS = Number(process.env.WARM_MS ?? 1500);

async function measure(make: () => { step: () => void }): Promise<{ ms: number; cpuMs: number } | null> {
  try {
    const { step } = make();
    // warm the JIT (ours and tfjs alike): at least 20 steps and about a second
    const t0 = performance.now();
    let n = 0;
    while (n < 20 || (performance.now() - t0 < WARM_MS && n < 5000)) {
      step();
      n++;
    }
    const rough = (performance.now() - t0) / n;
    return await time(step, { warmup: 0, perRound: perRoundFor(rough) });
  } catch (e) {
    console.error(`  failed: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

type Result = { ms: number; cpuMs: number } | null;

/** In a child: measure one (runner, model or matmul size) and print it as JSON. */
async function child(spec: string): Promise<void> {
  const [r, what] = spec.split(':') as [Runner, string];
  // relaxed SIMD as browsers ship it (Node 20 keeps it behind a flag); RELAXED=0 measures the plain build
  if (r === 'ours' && process.env.RELAXED !== '0') (await import('node:v8')).setFlagsFromString('--experimental-wasm-relaxed-simd');
  // THREADS=n: the matrix multiply over n threads (helpers on shared wasm memory), as a cross-origin-isolated page runs it
  const threads = Number(process.env.THREADS ?? 1);
  if (r === 'ours' && threads > 1) {
    const { startGemmThreads } = await import('../src/engine/wasm/threads');
    const { spawnNodeGemmThread } = await import('../test/helpers/gemmThreadNode');
    const got = await startGemmThreads(threads, spawnNodeGemmThread);
    if (got !== threads) throw new Error(`asked for ${threads} threads, got ${got}`);
  }
  let make: () => { step: () => void };
  if (r === 'ours') make = what.startsWith('matmul') ? () => ({ step: oursMatmul(Number(what.slice(6))) }) : () => oursModel(what as Model);
  else {
    const tf = await import('./tfjs');
    await tf.useBackend(r === 'tfjs-cpu' ? 'cpu' : 'wasm');
    make = what.startsWith('matmul') ? () => ({ step: tf.tfjsMatmul(Number(what.slice(6))) }) : () => tf.tfjsModel(what as Model);
  }
  console.log('BENCH_RESULT ' + JSON.stringify(await measure(make)));
}

/** In the parent: run one measurement in a fresh process. */
function inChild(r: Runner, what: string, env: Record<string, string> = {}): Result {
  console.error(`${r}: ${what}${env.THREADS ? ` (${env.THREADS} threads)` : ''}`);
  const res = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, ...env, BENCH_CHILD: `${r}:${what}` },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = (res.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (line && line.endsWith('null')) console.error(`  failed: ${(res.stderr ?? '').trim().split('\n').slice(-1)[0]}`);
  if (!line) {
    console.error(`  failed: ${(res.stderr ?? '').trim().split('\n').slice(-1)[0]}`);
    return null;
  }
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as Result;
}

if (process.env.BENCH_CHILD) {
  await child(process.env.BENCH_CHILD);
  process.exit(0);
}

const results: Record<string, Record<Runner, number | null>> = {};
const cpuResults: Record<string, Record<Runner, number | null>> = {};
const gflops: Record<number, Record<Runner, number | null>> = {};
const cpuGflops: Record<number, Record<Runner, number | null>> = {};
/** Ours with MT_THREADS (default 2) threads: [by CPU time, by wall time]. */
const mt: Record<number, [number, number] | null> = {};
const MT = Number(process.env.MT_THREADS ?? 2);
/**
 * REPEAT=n measures every (engine, model) in n fresh processes, the engines taking turns, and reports
 * the median of the n medians: one process's median moved by +-15% between processes on this shared
 * machine. Each repeat's ratios are listed too (ours against tfjs-wasm, or 2 threads against 1).
 */
const REPEAT = Math.max(1, Number(process.env.REPEAT ?? 1));
const wallReps: Record<string, Record<Runner, (number | null)[]>> = {};
const mtReps: Record<number, [number | null, number | null][]> = {};
const none = (): Record<Runner, number | null> => ({ ours: null, 'tfjs-cpu': null, 'tfjs-wasm': null });
const medianOf = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};
for (const m of MODELS) {
  if (!want.includes(m.id)) continue;
  const wall: Record<Runner, (number | null)[]> = { ours: [], 'tfjs-cpu': [], 'tfjs-wasm': [] };
  const cpu: Record<Runner, (number | null)[]> = { ours: [], 'tfjs-cpu': [], 'tfjs-wasm': [] };
  for (let rep = 0; rep < REPEAT; rep++) {
    for (const r of runners) {
      if (m.oursOnly && r !== 'ours') continue;
      // "model@2t": the model with the matrix products split over 2 threads
      const [model, threads] = m.id.split('@');
      const t = inChild(r, model, threads ? { THREADS: threads.replace('t', '') } : {});
      wall[r].push(t?.ms ?? null);
      cpu[r].push(t?.cpuMs ?? null);
    }
  }
  wallReps[m.id] = wall;
  results[m.id] = { ours: medianOf(wall.ours), 'tfjs-cpu': medianOf(wall['tfjs-cpu']), 'tfjs-wasm': medianOf(wall['tfjs-wasm']) };
  cpuResults[m.id] = { ours: medianOf(cpu.ours), 'tfjs-cpu': medianOf(cpu['tfjs-cpu']), 'tfjs-wasm': medianOf(cpu['tfjs-wasm']) };
}
if (want.includes('matmul') || !process.env.BENCH) {
  const flops = (n: number, ms: number | null) => (ms === null ? null : (2 * n ** 3) / (ms * 1e6));
  for (const n of SIZES) {
    const wall: Record<Runner, (number | null)[]> = { ours: [], 'tfjs-cpu': [], 'tfjs-wasm': [] };
    const cpu: Record<Runner, (number | null)[]> = { ours: [], 'tfjs-cpu': [], 'tfjs-wasm': [] };
    const mtWall: (number | null)[] = [];
    const mtCpu: (number | null)[] = [];
    mtReps[n] = [];
    for (let rep = 0; rep < REPEAT; rep++) {
      for (const r of runners) {
        const t = inChild(r, `matmul${n}`);
        wall[r].push(t?.ms ?? null);
        cpu[r].push(t?.cpuMs ?? null);
      }
      if (runners.includes('ours') && MT > 1) {
        const t = inChild('ours', `matmul${n}`, { THREADS: String(MT) });
        mtWall.push(t?.ms ?? null);
        mtCpu.push(t?.cpuMs ?? null);
        mtReps[n].push([wall.ours[rep], t?.ms ?? null]);
      }
    }
    gflops[n] = none();
    cpuGflops[n] = none();
    for (const r of runners) {
      gflops[n][r] = flops(n, medianOf(wall[r]));
      cpuGflops[n][r] = flops(n, medianOf(cpu[r]));
    }
    const w = flops(n, medianOf(mtWall)), c = flops(n, medianOf(mtCpu));
    if (runners.includes('ours') && MT > 1) mt[n] = w === null || c === null ? null : [c, w];
  }
}
/** "a / b / c": each repeat's ratio num/den (a ratio above 1 means the denominator's engine is slower). */
const perRepeat = (pairs: [number | null, number | null][]) =>
  REPEAT < 2 ? '' : pairs.map(([fast, slow]) => (fast === null || slow === null ? 'n/a' : (slow / fast).toFixed(1))).join(' / ');

const fmt = (ms: number | null, unit: string, batch: number) => {
  if (ms === null) return 'n/a';
  if (unit === 'us/step') return `${(ms * 1000).toFixed(1)} us`;
  if (unit === 'ex/s') return `${((batch * 1000) / ms).toFixed(0)} ex/s`;
  return `${ms.toFixed(2)} ms`;
};
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? 'n/a' : `${(b / a).toFixed(1)}x`);
const lines: string[] = [];
for (const [title, table] of [
  ['Process CPU time per step (user + system; steadier than wall time on a shared machine)', cpuResults],
  ['Wall-clock time per step', results],
] as const) {
  const reps = REPEAT > 1 && table === results;
  lines.push(`${title}:`, '', `| model | ours (cpu) | tfjs-cpu | tfjs-wasm | ours vs tfjs-cpu | ours vs tfjs-wasm | target | met |${reps ? ' per process: vs tfjs-cpu; vs tfjs-wasm |' : ''}`, `| --- | --- | --- | --- | --- | --- | --- | --- |${reps ? ' --- |' : ''}`);
  for (const m of MODELS) {
    const r = table[m.id];
    if (!r) continue;
    const batch = m.id === 'cnn' ? 20 : 1;
    const ok = m.check(r, table);
    const w = wallReps[m.id];
    const extra = reps && w ? ` ${perRepeat(w.ours.map((o, i) => [o, w['tfjs-cpu'][i] ?? null]))}; ${perRepeat(w.ours.map((o, i) => [o, w['tfjs-wasm'][i] ?? null]))} |` : '';
    lines.push(`| ${m.label} | ${fmt(r.ours, m.unit, batch)} | ${fmt(r['tfjs-cpu'], m.unit, batch)} | ${fmt(r['tfjs-wasm'], m.unit, batch)} | ${ratio(r.ours, r['tfjs-cpu'])} | ${ratio(r.ours, r['tfjs-wasm'])} | ${m.target} | ${ok === null ? '?' : ok ? 'yes' : 'no'} |${extra}`);
  }
  lines.push('');
}
if (Object.keys(gflops).length) {
  lines.push(
    `Matmul throughput, GFLOP/s = 2 n^3 / time per product (by CPU time / by wall time; CPU time adds up every thread's):`,
    '',
    `| matmul n x n | ours | ours, ${MT} threads | ${MT} threads vs 1 (wall) | tfjs-cpu | tfjs-wasm | ours vs tfjs-wasm (wall) |${REPEAT > 1 ? ` ${MT} threads vs 1 per process pair |` : ''}`,
    `| --- | --- | --- | --- | --- | --- | --- |${REPEAT > 1 ? ' --- |' : ''}`,
  );
  for (const n of SIZES) {
    const g = gflops[n];
    const c = cpuGflops[n];
    if (!g) continue;
    const f = (r: Runner) => (g[r] === null ? 'n/a' : `${c[r]!.toFixed(1)} / ${g[r]!.toFixed(1)}`);
    const m2 = mt[n];
    const vs = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? 'n/a' : `${(a / b).toFixed(2)}x`);
    const pairs = REPEAT > 1 ? ` ${perRepeat((mtReps[n] ?? []).map(([one, many]) => [many, one]))} |` : '';
    lines.push(`| ${n} | ${f('ours')} | ${m2 ? `${m2[0].toFixed(1)} / ${m2[1].toFixed(1)}` : 'n/a'} | ${vs(m2?.[1], g.ours)} | ${f('tfjs-cpu')} | ${f('tfjs-wasm')} | ${vs(g.ours, g['tfjs-wasm'])} |${pairs}`);
  }
}
const { relaxedSimdSupported } = await import('../src/engine/wasm/features');
if (process.env.RELAXED !== '0') (await import('node:v8')).setFlagsFromString('--experimental-wasm-relaxed-simd');
const relaxed = process.env.RELAXED !== '0' && relaxedSimdSupported();
if (Object.keys(gflops).length) {
  // the ceiling to read the GFLOP/s against (bench/peak.ts): independent f32x4 multiply-adds on registers
  const { simdPeak } = await import('./peak');
  lines.push('', `Single-thread WebAssembly SIMD peak here (12 independent f32x4 multiply-adds, no loads): ${simdPeak(false).toFixed(1)} GFLOP/s multiply then add${relaxed ? `, ${simdPeak(true).toFixed(1)} GFLOP/s fused (relaxed_madd)` : ''}; ${MT} cores: ${MT} x that.`);
}
console.log(`\nMedians per step${REPEAT > 1 ? ` (median of ${REPEAT} processes each)` : ''}; a ratio above 1x means ours is faster. Node ${process.version}, ${new Date().toISOString()}; ours: relaxed SIMD ${relaxed ? 'on' : 'off'}, 1 thread\n`);
console.log(lines.join('\n'));

// the webgpu column (bench/webgpu.ts): dispatches and bytes read back per step on webgpu; WEBGPU=0 skips it
if (process.env.WEBGPU !== '0') console.log(await (await import('./webgpu')).webgpuBenchTable(MODELS.filter((m): m is Row & { id: Model } => want.includes(m.id) && !m.id.includes("@"))));
