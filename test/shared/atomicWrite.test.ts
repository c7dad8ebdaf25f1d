import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeError, writeFileAtomic, writeFolderAtomically } from '../../extension/shared/atomicWrite';

test('a full disk names the file being written (a real ENOSPC from /dev/full)', () => {
  let enospc: unknown;
  try {
    fs.writeFileSync('/dev/full', 'x');
  } catch (e) {
    enospc = e;
  }
  assert.equal((enospc as NodeJS.ErrnoException).code, 'ENOSPC');
  assert.equal(
    writeError(enospc, '/runs/x/model.safetensors').message,
    '/runs/x/model.safetensors: the disk is full (ENOSPC); free some space and run again',
  );
});

test('writing where a folder stands names the path, not a bare EISDIR', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-'));
  fs.mkdirSync(path.join(dir, 'config.json'));
  assert.throws(
    () => writeFileAtomic(path.join(dir, 'config.json'), '{}'),
    (e: Error) => e.message.startsWith(path.join(dir, 'config.json')),
  );
  assert.throws(
    () =>
      writeFolderAtomically(path.join(dir, 'ckpt'), {
        'a.json': () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      }),
    new RegExp(`${path.join(dir, 'ckpt', 'a.json')}: the disk is full`),
  );
  assert.equal(fs.existsSync(path.join(dir, 'ckpt')), false);
});
