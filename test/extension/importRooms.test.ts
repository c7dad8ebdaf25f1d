/**
 * The import boundaries of eslint.config.mjs (README "Code map") refuse what they should and let the doors through:
 * each case is linted as if it were a file in that room.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.join(__dirname, '..', '..', '..');

async function refusals(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'rooms/imports').map((m) => m.message);
}

const refused: [room: string, file: string, code: string][] = [
  ['host → engine internals', 'extension/labeler/x.ts', "import { detectColumns } from '../engine/data/inspect';\n"],
  ['host → engine types', 'extension/x.ts', "import type { Task } from './engine/bert/params';\n"],
  ['host → engine re-export', 'extension/runs/x.ts', "export { train } from '../engine/train/trainer';\n"],
  ['host → webview', 'extension/panels/x.ts', "import { lineChart } from '../../webview/shared/charts';\n"],
  ['webview → host value', 'webview/labeler/x.ts', "import { settings } from '../../extension/settings';\n"],
  ['webview → host type', 'webview/metrics/x.ts', "import type { RunInfo } from '../../extension/runs/runRegistry';\n"],
  [
    'webview → engine',
    'webview/setup/x.ts',
    "import { DEFAULT_ARGUMENTS } from '../../extension/engine/process/protocol';\n",
  ],
  ['engine → vscode', 'extension/engine/train/x.ts', "import * as vscode from 'vscode';\n"],
  ['engine → host', 'extension/engine/data/x.ts', "import { settings } from '../../settings';\n"],
  [
    'shared → engine',
    'extension/shared/data/x.ts',
    "import type { Encoded } from '../../engine/tokenize/bertTokenizer';\n",
  ],
  ['shared → host', 'extension/shared/x.ts', "import { isWithin } from '../paths';\n"],
  ['shared → onnxruntime', 'extension/shared/runs/x.ts', "import * as ort from 'onnxruntime-node';\n"],
  ['model → training', 'extension/engine/bert/x.ts', "import { buildHeadStep } from '../train/stepGraph';\n"],
  ['dynamic import', 'extension/commands/x.ts', "export const m = import('../engine/hub/resolve');\n"],
  ['import type()', 'extension/views/x.ts', "export type T = import('../engine/train/trainer').TrainRequest;\n"],
];

for (const [what, file, code] of refused) {
  test(`lint refuses ${what}`, async () => {
    const found = await refusals(file, code);
    assert.equal(found.length, 1, `${file}: ${code}`);
    assert.match(found[0], /^Import boundary: /);
  });
}

test('lint lets the doors through: engine client and wire types, shared code, the room itself', async () => {
  assert.deepEqual(
    await refusals(
      'extension/training/x.ts',
      [
        "import { EngineClient } from '../engine/process/engineClient';",
        "import { DEFAULT_ARGUMENTS } from '../engine/process/protocol';",
        "import { writeFileAtomic } from '../shared/atomicWrite';",
        "import { settings } from '../settings';",
        "import * as vscode from 'vscode';",
        'export { EngineClient, DEFAULT_ARGUMENTS, writeFileAtomic, settings, vscode };',
      ].join('\n') + '\n',
    ),
    [],
  );
  assert.deepEqual(
    await refusals(
      'webview/labeler/x.ts',
      "import { best } from '../../extension/shared/uncertainty';\nimport { h } from '../shared/vscodeApi';\nexport { best, h };\n",
    ),
    [],
  );
  assert.deepEqual(
    await refusals(
      'extension/engine/train/x.ts',
      "import { Rng } from '../../shared/rng';\nimport { softmax } from '../bert/logits';\nexport { Rng, softmax };\n",
    ),
    [],
  );
});
