/** `bert-studio estimate DATA --model MODEL [train's flags]`: how long that training would take here, as JSON. */
import { EngineClient } from '../process/engineClient';
import { progressPrinter, trainParams } from './train';

export const ESTIMATE_USAGE =
  'estimate DATA --model MODEL [--text C --text-pair C --label C] [train flags: --num_train_epochs N --per_device_train_batch_size B --max_length T --mode full|frozen …]';

export async function estimateCommand(argv: string[]): Promise<void> {
  const params = trainParams(argv, 'estimate');
  const engine = await EngineClient.start();
  const job = engine.estimate(params, progressPrinter(false, Number.MAX_SAFE_INTEGER));
  const onInterrupt = () => void engine.cancel(job.id).catch(() => undefined);
  process.once('SIGINT', onInterrupt);
  try {
    process.stdout.write(JSON.stringify(await job.result, null, 2) + '\n');
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await engine.stop();
  }
}
