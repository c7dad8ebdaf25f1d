/** `bert-studio placement MODEL --task TASK [--mode full|frozen] --execution_provider EP [--json]`. */
import { measurePlacement } from '../train/placement';
import { PROVIDER_CHOICES, ProviderChoice, selectProvider } from '../runtime/providers';
import { ORT_VERSION, probeProvider } from '../runtime/ort';
import { UsageError, parseArgs, readFlags } from './args';
import { TASK_NAMES, isTaskName } from '../tasks/registry';

export const PLACEMENT_USAGE = `placement MODEL --task ${TASK_NAMES.join('|')} [--mode full|frozen] [--execution_provider auto|cpu|webgpu|cuda] [--json]`;

export async function placementCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv, ['json']);
  const a = readFlags(flags, { task: 'cls', mode: 'full', execution_provider: 'auto', json: false }, 'placement');
  if (positional.length !== 1) throw new UsageError(`usage: bert-studio ${PLACEMENT_USAGE}`);
  if (!isTaskName(a.task))
    throw new UsageError(`placement: --task must be one of ${TASK_NAMES.join(', ')}, got ${a.task}`);
  if (a.mode !== 'full' && a.mode !== 'frozen')
    throw new UsageError(`placement: --mode must be full or frozen, got ${a.mode}`);
  if (!PROVIDER_CHOICES.includes(a.execution_provider as ProviderChoice))
    throw new UsageError(`placement: --execution_provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
  const chosen = await selectProvider(a.execution_provider as ProviderChoice, {
    probe: probeProvider,
    ortVersion: ORT_VERSION,
  });
  const report = await measurePlacement({
    model: positional[0],
    task: a.task,
    mode: a.mode,
    executionProvider: chosen.provider,
  });
  if (a.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const line = (name: string, nodes: Record<string, number> | undefined) =>
    nodes &&
    `${name}: ${Object.entries(nodes)
      .map(([ep, n]) => `${n} on ${ep}`)
      .join(', ')}${
      report.cpu_ops[name]
        ? `; on the CPU: ${Object.entries(report.cpu_ops[name])
            .map(([op, n]) => `${op} ×${n}`)
            .join(', ')}`
        : ''
    }`;
  const lines = [
    `execution provider: ${chosen.provider} (${chosen.reason})`,
    line('step', report.step),
    line('eval', report.eval),
    line('features', report.features),
    `copied between host and device per step: ${report.copied_bytes_per_step} bytes`,
  ];
  process.stdout.write(lines.filter(Boolean).join('\n') + '\n');
}
