/**
 * WebGPU in Node through Dawn (the `webgpu` package) on SwiftShader, for fast
 * backend tests. Resolves to null where it cannot load: those tests then skip.
 */
import os from 'node:os';
import fs from 'node:fs';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const VULKAN = '/usr/lib/chromium/libvulkan.so.1';

let cached: Promise<GPU | null> | null = null;

export function nodeGpu(): Promise<GPU | null> {
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
      return adapter ? gpu : null;
    } catch {
      return null;
    }
  })();
  return cached;
}
