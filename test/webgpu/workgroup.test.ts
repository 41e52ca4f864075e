/** One workgroup size for every 1-D WebGPU program (no GPU needed: the WGSL is only generated). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { ops, type OpName } from '../../src/engine/ops';
import { WG, type GpuProgram } from '../../src/engine/backends/webgpu/program';

const ENGINE = path.resolve(__dirname, '../../src/engine');

/** Every engine source file that writes WGSL (a compute entry point or a storage binding). */
function wgslFiles(dir = ENGINE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return wgslFiles(p);
    if (!d.name.endsWith('.ts')) return [];
    return /@compute|@workgroup_size|var<|\$\{u\(|\$\{lit\(/.test(fs.readFileSync(p, 'utf8')) ? [p] : [];
  });
}

describe('webgpu workgroup size', () => {
  it('finds the WGSL outside backends/webgpu too (the op modules that carry their own)', () => {
    const rel = wgslFiles().map((f) => path.relative(ENGINE, f));
    expect(rel).toEqual(expect.arrayContaining(['backends/webgpu/program.ts', 'backends/webgpu/conv.ts', 'ops/lstmCell.ts', 'ops/gruCell.ts']));
  });
  it('no source that writes WGSL writes a workgroup size or a shared-array length as a number', () => {
    for (const f of wgslFiles()) {
      const src = fs.readFileSync(f, 'utf8');
      const rel = path.relative(ENGINE, f);
      expect(src, rel).not.toMatch(/workgroup_size\(\s*\d/);
      expect(src, rel).not.toMatch(/array<f32,\s*\d/);
      // a 1-D grid computed here rather than by program.ts's grid()/perThread() would restate the size
      expect(src, rel).not.toMatch(/\/\s*64\b|\*\s*64\b/);
      // one definition of the size: program.ts's WG
      if (rel !== 'backends/webgpu/program.ts') expect(src, rel).not.toMatch(/\bconst WG\b/);
    }
  });
  it('elementwise, reduction (thread and tree), conv, pooling and recurrent programs use WG and a grid of WG-thread groups', () => {
    const progs: GpuProgram[] = [];
    const run = <K extends OpName>(op: K, ins: E.Tensor[], out: E.Tensor, attrs: unknown) => {
      const r = (ops[op].webgpu as (i: E.Tensor[], o: E.Tensor, a: unknown) => GpuProgram | GpuProgram[] | 'copy')(ins, out, attrs);
      if (r !== 'copy') progs.push(...(Array.isArray(r) ? r : [r]));
    };
    E.tidy(() => {
      const x = E.zeros([8, 300]);
      run('add', [x, E.zeros([300])], E.zeros([8, 300]), undefined);
      run('sum', [x], E.zeros([8]), { axes: [1] }); // long reduction: tree
      run('sum', [x], E.zeros([300]), { axes: [0] }); // short: a thread per output
      const conv = { stride: [1, 1], pad: [1, 1], dilation: [1, 1] };
      run('conv2d', [E.zeros([2, 3, 6, 6]), E.zeros([4, 3, 3, 3])], E.zeros([2, 4, 6, 6]), conv);
      run('conv2dGradFilter', [E.zeros([2, 3, 6, 6]), E.zeros([2, 4, 6, 6])], E.zeros([4, 3, 3, 3]), conv);
      run('maxPool2d', [E.zeros([2, 3, 6, 6])], E.zeros([2, 3, 3, 3]), { size: [2, 2], stride: [2, 2] });
      run('lstmCell', [E.zeros([3, 5]), E.zeros([3, 24]), E.zeros([10, 16])], E.zeros([3, 24]), undefined);
      run('gruCell', [E.zeros([3, 5]), E.zeros([3, 16]), E.zeros([10, 12])], E.zeros([3, 16]), undefined);
    });
    expect(progs.length).toBeGreaterThanOrEqual(8);
    for (const p of progs) {
      const code = p.code();
      expect(code, p.key).toContain(`@workgroup_size(${WG})`);
      if (code.includes('var<workgroup> part')) expect(code, p.key).toContain(`array<f32, ${WG}>`);
    }
  });
});
