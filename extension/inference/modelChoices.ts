/** The entries of Select Model for Inference, built without VS Code: finished runs, the default-model setting, a folder, a Hub id. */
import type { RunInfo } from '../runs/runRegistry';
import { modelLabel } from './results';
import { TASK_SHORT } from '../shared/tasks';

export interface ModelChoice {
  label: string;
  description: string;
  detail?: string;
  /** The model reference this entry selects; absent for entries that ask for one. */
  value?: string;
  action?: 'folder' | 'hub';
}

export function modelChoices(runs: RunInfo[], defaultModel: string, current: string | undefined): ModelChoice[] {
  const mark = (value: string) => (value === current ? ' · current' : '');
  const finished = runs.filter((r) => r.status === 'finished');
  return [
    ...finished.map((r) => ({
      label: `$(beaker) ${r.name}`,
      description:
        [
          r.task ? TASK_SHORT[r.task] : 'run',
          r.bestMetric ? `${r.bestMetric.name} ${r.bestMetric.value.toFixed(3)}` : '',
        ]
          .filter(Boolean)
          .join(' · ') + mark(r.folder),
      detail: r.folder,
      value: r.folder,
    })),
    ...(finished.some((r) => r.folder === defaultModel)
      ? []
      : [
          {
            label: `$(settings-gear) ${modelLabel(defaultModel)}`,
            description: `default model (bertStudio.defaultModel)${mark(defaultModel)}`,
            detail: defaultModel,
            value: defaultModel,
          },
        ]),
    ...(current && current !== defaultModel && !finished.some((r) => r.folder === current)
      ? [{ label: `$(check) ${modelLabel(current)}`, description: 'current', detail: current, value: current }]
      : []),
    {
      label: '$(folder) Local folder…',
      description: 'a folder with config.json, vocab and model.safetensors',
      action: 'folder',
    },
    { label: '$(cloud-download) Hugging Face model id…', description: 'e.g. a SQuAD-tuned BERT', action: 'hub' },
  ];
}
