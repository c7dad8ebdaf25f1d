/** `bert-studio export MODEL --onnx OUT [--task cls|qa|base]`: onnx/model.onnx plus config and tokenizer files, as transformers.js expects. */
import { loadModel } from '../bert/loadModel';
import { exportOnnx } from '../bert/export';
import { configForTask } from '../bert/save';
import type { Task } from '../bert/params';
import { UsageError, parseArgs, readFlags } from './args';

export async function exportCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  const a = readFlags(flags, { onnx: '', task: '' }, 'export');
  if (positional.length !== 1 || !a.onnx) throw new UsageError('usage: bert-studio export MODEL --onnx OUT [--task cls|qa|base]');
  if (a.task && !['cls', 'qa', 'base'].includes(a.task)) throw new UsageError(`export: --task must be cls, qa or base, got ${a.task}`);
  const m = await loadModel(positional[0], (a.task || undefined) as Task | undefined);
  if (m.notice) throw new Error(`${positional[0]} has no trained ${m.task} head to export (${m.weights.newlyInitialized.join(', ')} missing)`);
  const side: Record<string, Uint8Array | string> = { ...(await m.tokenizer.files()), 'config.json': JSON.stringify(configForTask(m.config, m.task), null, 2) + '\n' };
  process.stdout.write(`${exportOnnx(a.onnx, m.config, m.task, m.weights.params, side)}\n`);
}
