/** One workgroup size for every 1-D WebGPU program (no GPU needed: the WGSL is only generated). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { webgpuKernels } from '../../src/engine/backends/webgpu';
import { WG, type GpuProgram } from '../../src/engine/backends/webgpu/program';

const DIR = path.resolve(__dirname, '../../src/engine/backends/webgpu');

describe('webgpu workgroup size', () => {
  it('no kernel source writes a workgroup size or a shared-array length as a number', () => {
    for (const f of fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(DIR, f), 'utf8');
      expect(src, f).not.toMatch(/workgroup_size\(\s*\d/);
      expect(src, f).not.toMatch(/array<f32,\s*\d/);
    }
  });
  it('elementwise, reduction (thread and tree), conv and pooling programs use WG and a grid of WG-thread groups', () => {
    const progs: GpuProgram[] = [];
    const run = (op: keyof typeof webgpuKernels, ins: E.Tensor[], out: E.Tensor, attrs: unknown) => {
      const r = (webgpuKernels[op] as (i: E.Tensor[], o: E.Tensor, a: unknown) => GpuProgram | GpuProgram[] | 'copy')(ins, out, attrs);
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
    });
    expect(progs.length).toBeGreaterThanOrEqual(6);
    for (const p of progs) {
      const code = p.code();
      expect(code, p.key).toContain(`@workgroup_size(${WG})`);
      if (code.includes('var<workgroup> part')) expect(code, p.key).toContain(`array<f32, ${WG}>`);
    }
  });
});
