/**
 * WebGPU tests run on SwiftShader (Vulkan on the CPU, shipped by Debian's chromium) wherever its ICD file is
 * installed, and are skipped, saying why, where it is not. Importing this module points the Vulkan loader at
 * SwiftShader and the provider cache at a fresh folder, so no verdict made on another set-up is inherited.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** BERT_STUDIO_WEBGPU=system runs these tests on the machine's own adapter (a real GPU: npm run device:check). */
const onSystemGpu = process.env.BERT_STUDIO_WEBGPU === 'system';
export const hasSwiftShader = !onSystemGpu && fs.existsSync(SWIFTSHADER_ICD);

/** The environment a WebGPU test (or an engine child process it starts) runs with. */
const fresh = (what: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bert-studio-webgpu-${what}-`));
export const webgpuEnv: NodeJS.ProcessEnv = {
  VK_ICD_FILENAMES: SWIFTSHADER_ICD,
  XDG_CACHE_HOME: fresh('cache'),
  // Dawn warns on every adapter request without one.
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? fresh('runtime'),
};

if (hasSwiftShader) Object.assign(process.env, webgpuEnv);
else if (onSystemGpu) process.env.XDG_CACHE_HOME = webgpuEnv.XDG_CACHE_HOME;

/** node:test options: run on SwiftShader (or the system's GPU when asked), or skip with the reason. */
export const onSwiftShader =
  hasSwiftShader || onSystemGpu
    ? {}
    : {
        skip: `WebGPU tests need SwiftShader's Vulkan ICD at ${SWIFTSHADER_ICD} (apt-get install chromium libvulkan1)`,
      };
