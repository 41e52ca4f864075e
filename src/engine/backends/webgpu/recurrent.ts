/**
 * The webgpu kernels of the fused recurrent-cell ops: their WGSL lives next to
 * their cpu kernels in ops/lstmCell.ts and ops/gruCell.ts; this table hands
 * them to the kernel registry (kernels.ts).
 */
import { gruCellGradStateWgsl, gruCellGradWWgsl, gruCellGradZWgsl, gruCellWgsl } from '../../ops/gruCell';
import { lstmCellGradStateWgsl, lstmCellGradWWgsl, lstmCellGradZWgsl, lstmCellWgsl } from '../../ops/lstmCell';
import type { GpuKernel } from './program';

export const recurrentKernels = {
  lstmCell: (ins) => lstmCellWgsl(ins),
  lstmCellGradZ: (ins) => lstmCellGradZWgsl(ins),
  lstmCellGradState: (ins) => lstmCellGradStateWgsl(ins),
  lstmCellGradW: (ins) => lstmCellGradWWgsl(ins),
  gruCell: (ins) => gruCellWgsl(ins),
  gruCellGradZ: (ins) => gruCellGradZWgsl(ins),
  gruCellGradState: (ins) => gruCellGradStateWgsl(ins),
  gruCellGradW: (ins) => gruCellGradWWgsl(ins),
} satisfies Record<string, GpuKernel>;
