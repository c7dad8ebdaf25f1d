/**
 * Which execution provider runs a session. `auto` probes once per machine (a
 * one-node session per provider), caches the verdict with the ONNX Runtime
 * version, prefers WebGPU for training, then CUDA, and falls back to the CPU
 * with the reason. A provider asked for by name that is not there is an error,
 * never a silent CPU run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExecutionProvider } from './ort';
import { writeFileAtomic } from '../../shared/atomicWrite';

export type ProviderChoice = 'auto' | ExecutionProvider;
export const PROVIDER_CHOICES: ProviderChoice[] = ['auto', 'cpu', 'webgpu', 'cuda'];

export interface ProbeResult {
  ok: boolean;
  reason?: string;
}
export type Probe = (ep: ExecutionProvider) => Promise<ProbeResult>;

export interface Selection {
  provider: ExecutionProvider;
  reason: string;
  probed: Partial<Record<ExecutionProvider, ProbeResult>>;
}

export class ProviderUnavailableError extends Error {}

export function defaultCachePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'bert-studio', 'providers.json');
}

interface CacheFile {
  ortVersion: string;
  environment?: string;
  results: Partial<Record<ExecutionProvider, ProbeResult>>;
}

/**
 * What a verdict depends on besides the ORT version: the variables that pick the Vulkan driver and the CUDA
 * libraries. A verdict made in a shell with another driver set is not this process's verdict.
 */
export function providerEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const keys = ['VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'LD_LIBRARY_PATH', 'CUDA_VISIBLE_DEVICES', 'DISPLAY'];
  return keys.map((k) => `${k}=${env[k] ?? ''}`).join(';');
}

function readCache(file: string, ortVersion: string): CacheFile['results'] {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
    const fresh = c.ortVersion === ortVersion && c.environment === providerEnvironment();
    return fresh && c.results && typeof c.results === 'object' ? c.results : {};
  } catch {
    return {};
  }
}

function writeCache(file: string, ortVersion: string, results: CacheFile['results']): void {
  try {
    writeFileAtomic(file, JSON.stringify({ ortVersion, environment: providerEnvironment(), results }, null, 2));
  } catch {
    // A read-only home only costs a probe next time.
  }
}

const HINTS: Record<ExecutionProvider, string> = {
  cpu: '',
  webgpu: 'WebGPU needs a GPU driver with Vulkan (Linux), D3D12 (Windows) or Metal (macOS)',
  cuda: "CUDA needs onnxruntime-node's CUDA libraries (npm install with --onnxruntime-node-install=cuda12) and an NVIDIA driver",
};

export async function selectProvider(
  choice: ProviderChoice,
  o: { probe: Probe; ortVersion: string; cachePath?: string },
): Promise<Selection> {
  if (!PROVIDER_CHOICES.includes(choice))
    throw new Error(`execution provider must be one of ${PROVIDER_CHOICES.join(', ')}, got ${choice}`);
  if (choice === 'cpu') return { provider: 'cpu', reason: 'asked for the CPU', probed: {} };
  const file = o.cachePath ?? defaultCachePath();
  const cached = readCache(file, o.ortVersion);
  const probed: Selection['probed'] = {};
  const check = async (ep: ExecutionProvider) => {
    const r = cached[ep] ?? (await o.probe(ep));
    probed[ep] = r;
    return r;
  };
  const finish = (s: Selection) => {
    writeCache(file, o.ortVersion, { ...cached, ...probed });
    return s;
  };
  if (choice !== 'auto') {
    const r = await check(choice);
    finish({ provider: choice, reason: '', probed });
    if (!r.ok)
      throw new ProviderUnavailableError(
        `the ${choice} execution provider is not available here: ${r.reason ?? 'unknown reason'}. ${HINTS[choice]}`,
      );
    return { provider: choice, reason: `asked for ${choice}`, probed };
  }
  // WebGPU keeps weights and moments on the GPU between steps; CUDA returns outputs to the CPU in Node.
  const why: string[] = [];
  for (const ep of ['webgpu', 'cuda'] as const) {
    const r = await check(ep);
    if (r.ok) return finish({ provider: ep, reason: `auto: ${ep} is available`, probed });
    why.push(`${ep}: ${r.reason ?? 'unavailable'}`);
  }
  return finish({ provider: 'cpu', reason: `auto: using the CPU (${why.join('; ')})`, probed });
}

/**
 * Builds what a selection needs on its provider. When `auto` chose a GPU provider and building fails there
 * (a cached verdict gone stale: driver removed, another shell's Vulkan setting), the provider is probed again,
 * the cache is corrected, and the CPU is used with the reason. A provider asked for by name fails loudly.
 */
export async function buildWithFallback<T>(
  choice: ProviderChoice,
  selection: Selection,
  build: (ep: ExecutionProvider) => Promise<T>,
  o: { probe: Probe; ortVersion: string; cachePath?: string; onFallback?: (message: string) => void },
): Promise<{ value: T; provider: ExecutionProvider }> {
  try {
    return { value: await build(selection.provider), provider: selection.provider };
  } catch (e) {
    if (choice !== 'auto' || selection.provider === 'cpu') throw e;
    const failed = selection.provider;
    const reprobed = await o.probe(failed);
    const file = o.cachePath ?? defaultCachePath();
    writeCache(file, o.ortVersion, { ...readCache(file, o.ortVersion), [failed]: reprobed });
    const why = (e as Error).message.split('\n')[0].slice(0, 300);
    const probeSays = reprobed.ok
      ? 'a new probe still passes'
      : `a new probe says: ${reprobed.reason ?? 'unavailable'}`;
    o.onFallback?.(`execution provider: cpu (the ${failed} session failed: ${why}; ${probeSays})`);
    return { value: await build('cpu'), provider: 'cpu' };
  }
}
