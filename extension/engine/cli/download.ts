/** `bert-studio download MODEL [--revision R]`: fetch into the Hugging Face cache, print the snapshot folder. */
import { resolveModel } from '../hub/resolve';
import { UsageError, parseArgs, readFlags } from './args';

const mb = (n: number) => (n / 2 ** 20).toFixed(1);

export async function downloadCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  if (positional.length !== 1) throw new UsageError('usage: bert-studio download MODEL [--revision R]');
  const a = readFlags(flags, { revision: 'main' }, 'download');
  const tty = process.stderr.isTTY;
  const ctl = new AbortController();
  process.once('SIGINT', () => ctl.abort());
  const got = await resolveModel(positional[0], {
    revision: a.revision,
    signal: ctl.signal,
    onProgress: ({ file, bytes, total }) => {
      if (tty)
        process.stderr.write(
          `\r${file}  ${mb(bytes)}/${mb(total)} MiB  ${total ? Math.floor((100 * bytes) / total) : 100}%\x1b[K`,
        );
      else if (bytes === total) process.stderr.write(`${file}  ${mb(total)} MiB\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  process.stdout.write(`${got.folder}\n`);
}
