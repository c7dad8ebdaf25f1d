/** `bert-studio export MODEL --onnx OUT [--task cls|qa|base]`: onnx/model.onnx plus config and tokenizer files, as transformers.js expects. */
import { exportModel } from '../bert/exportModel';
import type { Task } from '../bert/params';
import { UsageError, parseArgs, readFlags } from './args';

export async function exportCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  const a = readFlags(flags, { onnx: '', task: '' }, 'export');
  if (positional.length !== 1 || !a.onnx)
    throw new UsageError('usage: bert-studio export MODEL --onnx OUT [--task cls|qa|base]');
  if (a.task && !['cls', 'qa', 'base'].includes(a.task))
    throw new UsageError(`export: --task must be cls, qa or base, got ${a.task}`);
  process.stdout.write(`${await exportModel(positional[0], a.onnx, (a.task || undefined) as Task | undefined)}\n`);
}
