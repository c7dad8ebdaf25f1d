/** `bert-studio train DATA --model MODEL [--text C --text-pair C --label C] --output DIR [TrainingArguments flags]`. */
import { DEFAULT_ARGUMENTS } from '../train/arguments';
import { EngineClient } from '../process/engineClient';
import type { TrainParams } from '../process/protocol';
import { UsageError, parseArgs, readFlags } from './args';
import type { TrainEvent } from '../../shared/runs/trainEvent';
import { TASK_NAMES, isTaskName } from '../tasks/registry';

const OWN = { model: '', text: '', text_pair: '', label: '', output: '', epochs: 0, resume: false, task: '' };

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m ? `${m}m${Math.round(s % 60)}s` : `${Math.round(s)}s`;
}

export function progressPrinter(tty: boolean, loggingSteps: number): (e: TrainEvent) => void {
  return (e) => {
    if (e.type === 'step') {
      const line = `step ${e.step}/${e.total}  epoch ${e.epoch.toFixed(2)}  loss ${e.loss.toFixed(4)}  ${e.samples_per_s.toFixed(1)} samples/s  ETA ${duration(e.eta_s)}`;
      if (tty) {
        const width = 24;
        const done = Math.round((width * e.step) / e.total);
        process.stderr.write(`\r[${'#'.repeat(done)}${' '.repeat(width - done)}] ${line}\x1b[K`);
      } else if (e.step % loggingSteps === 0 || e.step === e.total) {
        process.stderr.write(line + '\n');
      }
    } else if (e.type === 'eval') {
      process.stderr.write(
        `${tty ? '\n' : ''}eval at step ${e.step}: ${Object.entries(e.metrics)
          .map(([k, v]) => `${k} ${v.toFixed(4)}`)
          .join('  ')}\n`,
      );
    } else if (e.type === 'stats') {
      process.stderr.write(
        `${e.stats.rows} rows (${e.stats.labeled} labelled, ${e.stats.unlabeled} unlabelled), labels ${e.labels.join(', ')}; text column '${e.mapping.text}'` +
          `${e.mapping.textPair ? ` + '${e.mapping.textPair}'` : ''}, label column '${e.mapping.label}'; ${e.stats.truncated} rows longer than max_length ${e.stats.max_length}\n`,
      );
    } else if (e.type === 'log') {
      process.stderr.write(`${e.message}\n`);
    } else if (e.type === 'checkpoint') {
      process.stderr.write(`${tty ? '\n' : ''}saved ${e.path}\n`);
    }
  };
}

/** The train command's arguments as the engine's request (usage errors thrown here). */
export function trainParams(argv: string[], command = 'train'): TrainParams {
  const { positional, flags } = parseArgs(argv, [
    'resume',
    'overwrite_output_dir',
    'load_best_model_at_end',
    'group_by_length',
    'export_onnx',
    'label_all_tokens',
  ]);
  if (positional.length !== 1)
    throw new UsageError(
      `usage: bert-studio ${command} DATA --model MODEL${command === 'train' ? ' --output DIR' : ''} [--text C] [--text-pair C] [--label C] [--num_train_epochs N …]`,
    );
  const all = readFlags(flags, { ...DEFAULT_ARGUMENTS, ...OWN }, command);
  const { model, text, text_pair, label, output, epochs, resume, task, ...args } = all;
  if (task && !isTaskName(task))
    throw new UsageError(`${command}: --task must be one of ${TASK_NAMES.join(', ')}, got ${task}`);
  if (!model) throw new UsageError(`${command}: --model is required (a folder or a Hub id)`);
  if (output) args.output_dir = output;
  if (flags.has('epochs')) args.num_train_epochs = epochs;
  return {
    data: positional[0],
    model,
    args,
    resume,
    task: isTaskName(task) ? task : undefined,
    columns: {
      ...(text ? { text } : {}),
      ...(text_pair ? { textPair: text_pair } : {}),
      ...(label ? { label } : {}),
    },
  };
}

export async function trainCommand(argv: string[]): Promise<void> {
  const params = trainParams(argv);
  // Training runs in its own process, as behind the editor: a crash or out-of-memory there is reported, not fatal here.
  const engine = await EngineClient.start();
  const job = engine.train(params, progressPrinter(!!process.stderr.isTTY, params.args.logging_steps));
  const onInterrupt = () => {
    process.stderr.write('\ncancelling after the current step…\n');
    void engine.cancel(job.id).catch(() => undefined);
  };
  process.once('SIGINT', onInterrupt);
  let results: Record<string, number>;
  try {
    results = await job.result;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await engine.stop();
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}
