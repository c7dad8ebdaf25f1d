import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputTail } from '../../extension/engineTail';

test('the output tail keeps the last non-empty lines across chunk boundaries', () => {
  const tail = new OutputTail(2);
  assert.deepEqual(tail.text(), []);
  tail.append('loading model\nstep 1');
  assert.deepEqual(tail.text(), ['loading model', 'step 1']);
  tail.append(' done\r\n\nError: out of memory\n');
  assert.deepEqual(tail.text(), ['step 1 done', 'Error: out of memory']);
  tail.append('    at Trainer.run');
  assert.deepEqual(tail.text(), ['Error: out of memory', '    at Trainer.run']);
});
