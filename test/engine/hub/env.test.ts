import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hubEnv } from '../../../extension/engine/hub/cache';

test('the cache folder follows huggingface_hub: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub', () => {
  assert.equal(hubEnv({ HF_HUB_CACHE: '/c', HF_HOME: '/h' }).cacheDir, '/c');
  assert.equal(hubEnv({ HF_HOME: '/h' }).cacheDir, path.join('/h', 'hub'));
  assert.equal(hubEnv({ HF_HOME: '~/hf' }).cacheDir, path.join(os.homedir(), 'hf', 'hub'));
  assert.equal(hubEnv({}).cacheDir, path.join(os.homedir(), '.cache', 'huggingface', 'hub'));
});

test('endpoint, offline flag and token', () => {
  assert.equal(hubEnv({}).endpoint, 'https://huggingface.co');
  assert.equal(hubEnv({ HF_ENDPOINT: 'http://mirror.local/' }).endpoint, 'http://mirror.local');
  assert.equal(hubEnv({}).offline, false);
  assert.equal(hubEnv({ HF_HUB_OFFLINE: '1' }).offline, true);
  assert.equal(hubEnv({ HF_HUB_OFFLINE: '0' }).offline, false);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hf-home-'));
  assert.equal(hubEnv({ HF_HOME: home }).token, null);
  fs.writeFileSync(path.join(home, 'token'), 'hf_saved\n');
  assert.equal(hubEnv({ HF_HOME: home }).token, 'hf_saved', 'the token huggingface-cli login saved');
  assert.equal(hubEnv({ HF_HOME: home, HF_TOKEN: 'hf_env' }).token, 'hf_env', 'HF_TOKEN wins');
});
