import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProbeResult, ProviderUnavailableError, selectProvider } from '../../../extension/engine/runtime/providers';
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
