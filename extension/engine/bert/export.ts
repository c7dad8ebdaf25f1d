/**
 * Exports an inference model in the layout transformers.js and Optimum use
 * (onnx/model.onnx): int64 inputs input_ids, attention_mask, token_type_ids with
 * dynamic batch and sequence; outputs logits, start_logits/end_logits, or
 * last_hidden_state + pooler_output. Weights are stored in the model.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostTensor } from '../tensor';
import type { BertConfig } from './config';
import { ParamSpec, Task, parameterSpecs } from './params';
import { toModelProto } from '../onnx/serialize';
import { writeFileAtomic } from '../../shared/atomicWrite';
import { buildForward } from './forward';

export function inferenceModel(c: BertConfig, task: Task, params: Map<string, HostTensor>): Uint8Array {
  const specs: ParamSpec[] = parameterSpecs(c, task);
  for (const s of specs) if (!params.has(s.name)) throw new Error(`cannot export: parameter ${s.name} is missing`);
  return toModelProto(buildForward(c, task, specs, params, { indexType: 'int64' }), `bert_${task}`);
}

/**
 * Writes OUT/onnx/model.onnx, plus side files (config.json, tokenizer files) at OUT's top level.
 * OUT may be the model's own folder: only these files are replaced, each atomically.
 */
export function exportOnnx(
  out: string,
  c: BertConfig,
  task: Task,
  params: Map<string, HostTensor>,
  sideFiles: Record<string, string | Uint8Array> = {},
): string {
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new Error(`${out} exists and is not a folder`);
  const model = inferenceModel(c, task, params);
  const target = path.join(out, 'onnx', 'model.onnx');
  for (const [name, content] of Object.entries(sideFiles)) writeFileAtomic(path.join(out, name), content);
  writeFileAtomic(target, model);
  return target;
}
