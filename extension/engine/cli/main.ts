/** `bert-studio` command line: one table of commands, each a small module. */
import { UsageError, parseArgs, readFlags } from './args';
import { REFERENCE_DEFAULTS, referenceStep } from './referenceStep';
import { downloadCommand } from './download';
import { tokenizeCommand } from './tokenize';
import { exportCommand } from './export';
import { trainCommand } from './train';
import { ESTIMATE_USAGE, estimateCommand } from './estimate';
import { evalCommand, predictCommand } from './predict';
import { PLACEMENT_USAGE, placementCommand } from './placement';
import { TASK_NAMES, isTaskName } from '../tasks/registry';

interface Command {
  usage: string;
  run(argv: string[]): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  train: {
    usage:
      'train DATA --model MODEL --output DIR [--text C --text-pair C --label C] [--num_train_epochs N --learning_rate LR …] [--resume | --overwrite_output_dir]',
    run: trainCommand,
  },
  estimate: { usage: ESTIMATE_USAGE, run: estimateCommand },
  eval: { usage: 'eval RUN DATA [--text C --text-pair C --label C]', run: evalCommand },
  predict: { usage: 'predict RUN "text" ["pair"] [--json]', run: predictCommand },
  download: { usage: 'download MODEL [--revision R]', run: downloadCommand },
  tokenize: { usage: 'tokenize MODEL "text" ["pair"] [--max-length N] [--json]', run: tokenizeCommand },
  export: { usage: `export MODEL --onnx OUT [--task ${[...TASK_NAMES, 'base'].join('|')}]`, run: exportCommand },
  placement: { usage: PLACEMENT_USAGE, run: placementCommand },
  'reference-step': {
    usage: `reference-step CKPT BATCH.json OUT.safetensors [--lr 5e-5 --wd 0.01 --warmup 0 --total 1 --steps 1 --clip 1.0 --task ${TASK_NAMES.join('|')} --threads N]`,
    async run(argv) {
      const { positional, flags } = parseArgs(argv);
      if (positional.length !== 3) throw new UsageError(`usage: bert-studio ${this.usage}`);
      const a = readFlags(flags, { ...REFERENCE_DEFAULTS, threads: 0 }, 'reference-step');
      if (!isTaskName(a.task))
        throw new UsageError(`reference-step: --task must be one of ${TASK_NAMES.join(', ')}, got ${a.task}`);
      const [ckpt, batch, out] = positional;
      await referenceStep(ckpt, batch, out, a, (line) => process.stdout.write(line + '\n'));
    },
  },
};

function usage(): string {
  return ['usage: bert-studio COMMAND …', '', ...Object.values(COMMANDS).map((c) => `  bert-studio ${c.usage}`)].join(
    '\n',
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name && name !== '--help' ? `unknown command '${name}'\n\n` : ''}${usage()}\n`);
    return name && name !== '--help' ? 2 : 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (e) {
    process.stderr.write(`bert-studio ${name}: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}
