/**
 * Checkpoint weights → the model's parameters: Transformers' names, shapes
 * checked, heads a base checkpoint lacks created and reported the way
 * Transformers reports them.
 */
import * as path from 'node:path';
import type { HostTensor } from '../tensor';
import type { BertConfig } from './config';
import { initParameter } from './init';
import { ParamSpec, Task, isHead, parameterSpecs } from './params';
import { readSafetensors, readSafetensorsSharded } from './safetensors';
import { weightFiles } from '../hub/resolve';
import { Rng } from '../../shared/rng';

export interface LoadedWeights {
  params: Map<string, HostTensor>;
  /** Head parameters the checkpoint did not have, created with normal(0, initializer_range). */
  newlyInitialized: string[];
  /** Head parameters whose shape did not fit (another label count), re-created. */
  reinitialized: string[];
  /** Checkpoint tensors this model does not use (e.g. a pre-training head). */
  unexpected: string[];
}

/** Reads the checkpoint's safetensors (single or sharded); weightFiles refuses pickled formats with the reason. */
export function readCheckpointTensors(folder: string): { tensors: Map<string, HostTensor>; file: string } {
  const [first] = weightFiles(folder);
  const index = path.join(folder, 'model.safetensors.index.json');
  if (path.basename(first) === 'model.safetensors') return { tensors: readSafetensors(first), file: first };
  return { tensors: readSafetensorsSharded(index), file: index };
}

/** Transformers' renames: old gamma/beta names, and checkpoints saved from BertModel without the 'bert.' prefix. */
function canonicalName(name: string): string {
  let n = name.replace(/LayerNorm\.gamma$/, 'LayerNorm.weight').replace(/LayerNorm\.beta$/, 'LayerNorm.bias');
  if (/^(embeddings|encoder|pooler)\./.test(n)) n = `bert.${n}`;
  return n;
}

export function assignWeights(
  specs: ParamSpec[],
  found: Map<string, HostTensor>,
  config: BertConfig,
  source: string,
  opts: { seed?: number; ignoreMismatchedHeads?: boolean } = {},
): LoadedWeights {
  const byName = new Map([...found].map(([k, v]) => [canonicalName(k), v] as const));
  const rng = new Rng(opts.seed ?? 42);
  const result: LoadedWeights = { params: new Map(), newlyInitialized: [], reinitialized: [], unexpected: [] };
  for (const spec of specs) {
    const t = byName.get(spec.name);
    if (!t) {
      if (!isHead(spec.name))
        throw new Error(`${source}: checkpoint lacks tensor ${spec.name} [${spec.shape.join(', ')}]`);
      result.params.set(spec.name, initParameter(spec.name, spec.shape, config, rng));
      result.newlyInitialized.push(spec.name);
      continue;
    }
    if (t.dtype !== 'float32') throw new Error(`${source}: tensor ${spec.name} is ${t.dtype}, expected a float tensor`);
    if (t.shape.join() !== spec.shape.join()) {
      if (isHead(spec.name) && opts.ignoreMismatchedHeads) {
        result.params.set(spec.name, initParameter(spec.name, spec.shape, config, rng));
        result.reinitialized.push(spec.name);
        continue;
      }
      throw new Error(
        `${source}: tensor ${spec.name} has shape [${t.shape.join(', ')}], the config needs [${spec.shape.join(', ')}]`,
      );
    }
    const bad = firstNonFinite(t.data as Float32Array);
    if (bad >= 0)
      throw new Error(
        `${source}: tensor ${spec.name} holds ${(t.data as Float32Array)[bad]} (at index ${bad}): the checkpoint's weights are damaged; train or download it again`,
      );
    result.params.set(spec.name, t);
  }
  const used = new Set(specs.map((s) => s.name));
  result.unexpected = [...byName.keys()].filter((k) => !used.has(k) && !k.endsWith('position_ids')).sort();
  result.newlyInitialized.sort();
  return result;
}

/** The index of the first NaN or infinite value, or -1. */
export function firstNonFinite(data: Float32Array): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

export function loadWeights(
  folder: string,
  config: BertConfig,
  task: Task,
  opts: { seed?: number; ignoreMismatchedHeads?: boolean } = {},
): LoadedWeights {
  const { tensors, file } = readCheckpointTensors(folder);
  return assignWeights(parameterSpecs(config, task), tensors, config, file, opts);
}

/** The notice Transformers prints for heads it had to create. */
export function initNotice(w: LoadedWeights, architecture: string, source: string): string | null {
  const lines: string[] = [];
  if (w.newlyInitialized.length) {
    lines.push(
      `Some weights of ${architecture} were not initialized from the model checkpoint at ${source} and are newly initialized: ` +
        `[${w.newlyInitialized.map((n) => `'${n}'`).join(', ')}]`,
    );
  }
  if (w.reinitialized.length) {
    lines.push(
      `Some weights of ${architecture} were not initialized from the model checkpoint at ${source} and are newly initialized ` +
        `because the shapes did not match: [${w.reinitialized.map((n) => `'${n}'`).join(', ')}]`,
    );
  }
  if (!lines.length) return null;
  lines.push(
    'You should probably TRAIN this model on a down-stream task to be able to use it for predictions and inference.',
  );
  return lines.join('\n');
}
