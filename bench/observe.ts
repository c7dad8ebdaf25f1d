/** Runs a training process under /usr/bin/time and timestamps its "step N/M" lines as they arrive on stderr. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';

export interface ChildRun {
  /** Seconds from spawn to each finished step. */
  stepsS: number[];
  firstStepS: number;
  wallS: number;
  /** The largest resident set of the process or any of its children (the engine process behind the CLI). */
  peakRssMiB: number;
  stdout: string;
  /** Samples per second over steps 2…N: the steady rate, apart from start-up and the first step. */
  steadySamplesPerS(batch: number): number;
}

export function observe(command: string, args: string[]): Promise<ChildRun> {
  const timeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'observe-')), 'time');
  const t0 = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, command, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stepsS: number[] = [];
  let stdout = '';
  let tail = '';
  let partial = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    const now = (performance.now() - t0) / 1000;
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (/^step \d+\/\d+/.test(line)) stepsS.push(now);
      else tail = (tail + line + '\n').slice(-2000);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = (performance.now() - t0) / 1000;
      const rssKiB = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop());
      fs.rmSync(path.dirname(timeFile), { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`${path.basename(command)} ${args[0]} exited with ${code}: ${tail}`));
      if (!stepsS.length) return reject(new Error(`${path.basename(command)} ${args[0]} printed no step lines`));
      resolve({
        stepsS,
        firstStepS: stepsS[0],
        wallS,
        peakRssMiB: Math.round(rssKiB / 1024),
        stdout,
        steadySamplesPerS: (batch) =>
          stepsS.length > 1 ? ((stepsS.length - 1) * batch) / (stepsS[stepsS.length - 1] - stepsS[0]) : NaN,
      });
    });
  });
}
