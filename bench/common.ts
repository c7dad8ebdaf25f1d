/** Shared pieces of the benchmarks: timing, peak memory, locating the PyTorch reference. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** ../shared/reference/bert_reference.py beside the checkout, or $BERT_REFERENCE. */
export function referenceScript(): string | null {
  const candidates = [
    process.env.BERT_REFERENCE,
    path.resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'bert_reference.py'),
  ];
  return candidates.find((c): c is string => !!c && fs.existsSync(c)) ?? null;
}

export function torchAvailable(device: 'cpu' | 'cuda' = 'cpu'): boolean {
  const check =
    device === 'cuda' ? 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' : 'import torch';
  return spawnSync('/usr/bin/python3', ['-c', check], { stdio: 'ignore' }).status === 0;
}

/** Runs a Python peer script that prints one JSON line; null when it cannot run. */
export function runPeer(script: string, args: string[]): Record<string, unknown> | { error: string } {
  const r = spawnSync('/usr/bin/python3', [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0)
    return { error: (r.stderr || r.error?.message || 'failed').trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
