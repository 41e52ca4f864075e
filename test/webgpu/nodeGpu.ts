/**
 * WebGPU in Node through Dawn (the `webgpu` package) on SwiftShader, for fast
 * backend tests. Where it cannot load, a plain unit run skips the Dawn tests,
 * but a run that asked for them (WEBGPU_DAWN_FULL=1, `npm run test:webgpu`)
 * fails at once with the reason: a suite that was asked for never passes by
 * running nothing.
 */
import os from 'node:os';
import fs from 'node:fs';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const VULKAN = '/usr/lib/chromium/libvulkan.so.1';

/** Set by `npm run test:webgpu`: the Dawn suites were asked for, so Dawn must load. */
export const DAWN_REQUIRED = !!process.env.WEBGPU_DAWN_FULL;

let cached: Promise<{ gpu: GPU | null; why: string }> | null = null;

function load(): Promise<{ gpu: GPU | null; why: string }> {
  cached ??= (async () => {
    try {
      if (!process.env.VK_ICD_FILENAMES && fs.existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;
      // Dawn dlopens libvulkan.so.1; Chromium ships one that is not on the default path
      if (fs.existsSync(VULKAN)) {
        try {
          process.dlopen({ exports: {} } as NodeJS.Module, VULKAN, os.constants.dlopen.RTLD_NOW | os.constants.dlopen.RTLD_GLOBAL | 0x1000);
        } catch {
          // not a node addon: expected; RTLD_NODELETE keeps the library loaded
        }
      }
      const mod = (await import('webgpu')) as { create(flags: string[]): GPU; globals: Record<string, unknown> };
      Object.assign(globalThis, mod.globals);
      const gpu = mod.create([]);
      const adapter = await gpu.requestAdapter();
      return adapter ? { gpu, why: '' } : { gpu: null, why: `no adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'})` };
    } catch (e) {
      return { gpu: null, why: e instanceof Error ? e.message : String(e) };
    }
  })();
  return cached;
}

/**
 * Dawn's GPU, or null where it does not load and was not asked for (the
 * tests then skip). Throws where WEBGPU_DAWN_FULL is set and it does not load.
 */
export async function nodeGpu(): Promise<GPU | null> {
  const { gpu, why } = await load();
  if (!gpu && DAWN_REQUIRED) throw new Error(`WEBGPU_DAWN_FULL is set but Dawn did not load: ${why}`);
  return gpu;
}
