// The labeler's backup list: the latest backup made against the file's current text is found; one made against
// other text, or removed (used, saved, reverted, deleted by VS Code), is not, and removing deletes its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BackupIndex } from '../../../extension/labeler/backupIndex';

test('the latest backup against the disk text is found; removed ones are gone with their files', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labeler-backups-'));
  const index = new BackupIndex(path.join(dir, 'index.json'));
  const backup = (name: string) => {
    fs.writeFileSync(path.join(dir, name), name);
    return path.join(dir, name);
  };
  const [b1, b2, b3] = [backup('b1'), backup('b2'), backup('b3')];
  index.record('file:///d.csv', b1, 'disk v1');
  await new Promise((r) => setTimeout(r, 5));
  index.record('file:///d.csv', b2, 'disk v1');
  index.record('file:///other.csv', b3, 'disk v1');
  assert.equal(index.latest('file:///d.csv', 'disk v1'), b2);
  assert.equal(index.latest('file:///d.csv', 'the file changed on disk since'), null);
  index.remove({ backup: b2 });
  assert.equal(fs.existsSync(b2), false);
  assert.equal(index.latest('file:///d.csv', 'disk v1'), b1);
  fs.rmSync(b1);
  assert.equal(index.latest('file:///d.csv', 'disk v1'), null, 'a backup whose file is gone');
  index.remove({ document: 'file:///d.csv' });
  assert.equal(index.latest('file:///other.csv', 'disk v1'), b3, "another document's backup stays");
  index.remove({ document: 'file:///other.csv' });
  assert.equal(fs.existsSync(b3), false);

  fs.writeFileSync(path.join(dir, 'index.json'), '{not json');
  assert.equal(index.latest('file:///d.csv', 'disk v1'), null);
  const b4 = backup('b4');
  index.record('file:///d.csv', b4, 'disk v1');
  assert.equal(index.latest('file:///d.csv', 'disk v1'), b4, 'a corrupt list is replaced');
});
