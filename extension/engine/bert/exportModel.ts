/** A model reference → OUT/onnx/model.onnx with its config and tokenizer files beside it (what `export` does for the CLI and the engine). */
import { loadModel } from './loadModel';
import { exportOnnx } from './export';
import { configForTask } from './save';
import type { Task } from './params';

export async function exportModel(ref: string, out: string, task?: Task): Promise<string> {
  const m = await loadModel(ref, task);
  if (m.notice)
    throw new Error(
      `${ref} has no trained ${m.task} head to export (${m.weights.newlyInitialized.join(', ')} missing)`,
    );
  const side: Record<string, Uint8Array | string> = {
    ...(await m.tokenizer.files()),
    'config.json': JSON.stringify(configForTask(m.config, m.task), null, 2) + '\n',
  };
  return exportOnnx(out, m.config, m.task, m.weights.params, side);
}
