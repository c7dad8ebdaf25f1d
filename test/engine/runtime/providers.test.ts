import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ProbeResult,
  ProviderUnavailableError,
  buildWithFallback,
  selectProvider,
} from '../../../extension/engine/runtime/providers';
import { probeProvider } from '../../../extension/engine/runtime/ort';
import type { ExecutionProvider } from '../../../extension/engine/runtime/ort';

/** Probe results are faked only here, at the probe boundary. */
function fakeProbe(results: Partial<Record<ExecutionProvider, ProbeResult>>) {
  const calls: ExecutionProvider[] = [];
  const probe = async (ep: ExecutionProvider) => {
    calls.push(ep);
    return results[ep] ?? { ok: false, reason: 'not installed' };
  };
  return { probe, calls };
}
const cache = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ep-')), 'providers.json');

test('cpu needs no probe', async () => {
  const f = fakeProbe({});
  assert.equal(
    (await selectProvider('cpu', { probe: f.probe, ortVersion: '1.30.0', cachePath: cache() })).provider,
    'cpu',
  );
  assert.deepEqual(f.calls, []);
});

test('auto prefers WebGPU, then CUDA, and caches the verdict per ONNX Runtime version', async () => {
  const file = cache();
  const f = fakeProbe({ webgpu: { ok: true } });
  const s = await selectProvider('auto', { probe: f.probe, ortVersion: '1.30.0', cachePath: file });
  assert.equal(s.provider, 'webgpu');
  await selectProvider('auto', { probe: f.probe, ortVersion: '1.30.0', cachePath: file });
  assert.deepEqual(f.calls, ['webgpu'], 'the second selection reads the cache');
  await selectProvider('auto', { probe: f.probe, ortVersion: '1.31.0', cachePath: file });
  assert.deepEqual(f.calls, ['webgpu', 'webgpu'], 'another ORT version probes again');
  const cudaOnly = fakeProbe({ webgpu: { ok: false, reason: 'no adapter' }, cuda: { ok: true } });
  assert.equal(
    (await selectProvider('auto', { probe: cudaOnly.probe, ortVersion: 'x', cachePath: cache() })).provider,
    'cuda',
  );
});

test('auto falls back to the CPU with the reasons', async () => {
  const f = fakeProbe({
    webgpu: { ok: false, reason: 'no adapter' },
    cuda: { ok: false, reason: 'libcudart missing' },
  });
  const s = await selectProvider('auto', { probe: f.probe, ortVersion: '1.30.0', cachePath: cache() });
  assert.equal(s.provider, 'cpu');
  assert.equal(s.reason, 'auto: using the CPU (webgpu: no adapter; cuda: libcudart missing)');
});

test('a provider asked for by name but unavailable is an error, never a silent CPU run', async () => {
  const f = fakeProbe({ webgpu: { ok: false, reason: 'no adapter' } });
  await assert.rejects(
    selectProvider('webgpu', { probe: f.probe, ortVersion: '1.30.0', cachePath: cache() }),
    (e: Error) =>
      e instanceof ProviderUnavailableError &&
      /webgpu execution provider is not available here: no adapter\. WebGPU needs a GPU driver/.test(e.message),
  );
  await assert.rejects(
    selectProvider('tpu' as never, { probe: f.probe, ortVersion: '1', cachePath: cache() }),
    /must be one of auto, cpu, webgpu, cuda/,
  );
});

test('the real probe: the CPU provider always works', async () => {
  assert.deepEqual(await probeProvider('cpu'), { ok: true });
});

test('a verdict made under another Vulkan or CUDA setting is not reused', async () => {
  const file = cache();
  const f = fakeProbe({ webgpu: { ok: true } });
  const saved = process.env.VK_ICD_FILENAMES;
  try {
    process.env.VK_ICD_FILENAMES = '/somewhere/icd.json';
    await selectProvider('auto', { probe: f.probe, ortVersion: '1.30.0', cachePath: file });
    delete process.env.VK_ICD_FILENAMES;
    await selectProvider('auto', { probe: f.probe, ortVersion: '1.30.0', cachePath: file });
  } finally {
    if (saved === undefined) delete process.env.VK_ICD_FILENAMES;
    else process.env.VK_ICD_FILENAMES = saved;
  }
  assert.deepEqual(f.calls, ['webgpu', 'webgpu'], 'the second selection probes again');
});

test('a session failing on a provider auto chose: re-probe, correct the cache, build on the CPU with the reason', async () => {
  const file = cache();
  const stale = fakeProbe({ webgpu: { ok: true } });
  const chosen = await selectProvider('auto', { probe: stale.probe, ortVersion: '1', cachePath: file });
  const now = fakeProbe({ webgpu: { ok: false, reason: 'No supported adapters' } });
  const built: ExecutionProvider[] = [];
  const build = async (ep: ExecutionProvider) => {
    built.push(ep);
    if (ep !== 'cpu') throw new Error('Failed to get a WebGPU adapter\nnative detail');
    return 'session';
  };
  const messages: string[] = [];
  const r = await buildWithFallback('auto', chosen, build, {
    probe: now.probe,
    ortVersion: '1',
    cachePath: file,
    onFallback: (m) => messages.push(m),
  });
  assert.deepEqual(r, { value: 'session', provider: 'cpu' });
  assert.deepEqual(built, ['webgpu', 'cpu']);
  assert.deepEqual(messages, [
    'execution provider: cpu (the webgpu session failed: Failed to get a WebGPU adapter; a new probe says: No supported adapters)',
  ]);
  const again = await selectProvider('auto', { probe: now.probe, ortVersion: '1', cachePath: file });
  assert.equal(again.provider, 'cpu', 'the corrected verdict is what the next run reads');
  const named = await selectProvider('webgpu', { probe: stale.probe, ortVersion: '2', cachePath: cache() });
  await assert.rejects(
    buildWithFallback('webgpu', named, build, { probe: now.probe, ortVersion: '2', cachePath: cache() }),
    /Failed to get a WebGPU adapter/,
    'a provider asked for by name fails loudly',
  );
});
