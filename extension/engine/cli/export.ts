/** `bert-studio export MODEL --onnx OUT [--task TASK|base]`: onnx/model.onnx plus config and tokenizer files, as transformers.js expects. */
import { exportModel } from '../bert/exportModel';
import type { Task } from '../bert/params';
import { UsageError, parseArgs, readFlags } from './args';
import { TASK_NAMES, isTaskName } from '../tasks/registry';

export async function exportCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  const a = readFlags(flags, { onnx: '', task: '' }, 'export');
  if (positional.length !== 1 || !a.onnx)
    throw new UsageError(`usage: bert-studio export MODEL --onnx OUT [--task ${[...TASK_NAMES, 'base'].join('|')}]`);
  if (a.task && a.task !== 'base' && !isTaskName(a.task))
    throw new UsageError(`export: --task must be one of ${[...TASK_NAMES, 'base'].join(', ')}, got ${a.task}`);
  process.stdout.write(`${await exportModel(positional[0], a.onnx, (a.task || undefined) as Task | undefined)}\n`);
}
