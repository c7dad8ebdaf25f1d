import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromWebview } from '../../../extension/panels/webviewMessage';

const parse = (x: unknown): { type: 'ping' } => {
  if ((x as { type?: unknown })?.type !== 'ping') throw new Error('unknown message');
  return { type: 'ping' };
};

test('a webview message is passed on when its parser accepts it, else dropped and logged with its origin', () => {
  const logged: string[] = [];
  assert.deepEqual(
    fromWebview(parse, { type: 'ping' }, 'setup page', (l) => logged.push(l)),
    { type: 'ping' },
  );
  assert.equal(
    fromWebview(parse, { type: 'eval', code: 'x' }, 'setup page', (l) => logged.push(l)),
    null,
  );
  assert.deepEqual(logged, ['setup page: ignored a malformed message: unknown message']);
});
