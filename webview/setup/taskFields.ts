// The setup page's task and the fields it uses: one control per field the task's TASK_FIELDS entry asks for.
import { h } from '../shared/vscodeApi';
import type { SetupForm } from '../../extension/shared/protocol/setup';
import { TASK_FIELDS, TASK_OPTIONS } from '../../extension/shared/protocol/setupTasks';

type Select = (
  field: keyof SetupForm,
  label: string,
  options: [string, string][],
  value: string,
  hint?: string,
) => HTMLElement;

/** The task chooser and the column choosers the task uses (none for data whose fields are fixed). */
export function taskSection(f: SetupForm, columns: string[], select: Select): HTMLElement[] {
  const fields = TASK_FIELDS[f.task];
  const options = (none: string | null): [string, string][] => [
    ...(none === null ? [] : [['', none] as [string, string]]),
    ...columns.map((c): [string, string] => [c, c]),
  ];
  return [
    select('task', 'Task', TASK_OPTIONS, f.task),
    ...(fields.columns
      ? [
          select('text', 'Text column', options(null), f.text),
          select(
            'textPair',
            'Second text column',
            options('(none: single texts)'),
            f.textPair ?? '',
            'for sentence pairs',
          ),
          select('label', 'Label column', options('(none)'), f.label ?? '', fields.labelHint),
        ]
      : [h('p', { class: 'facts', id: 'fixed-fields' }, fields.fixed ?? '')]),
  ];
}

const MODES: [string, string][] = [
  ['full', 'Full fine-tuning'],
  ['frozen', 'Frozen encoder (head only, fast)'],
];
const CLASS_WEIGHTS: [string, string][] = [
  ['none', 'none'],
  ['balanced', 'balanced (n / (k · count))'],
];

/** The training fields only some tasks use: frozen-encoder mode, class weights. */
export function modeField(f: SetupForm, select: Select): HTMLElement[] {
  return TASK_FIELDS[f.task].frozen ? [select('mode', 'Mode', MODES, f.mode)] : [];
}

export function classWeightsField(f: SetupForm, select: Select): HTMLElement[] {
  return TASK_FIELDS[f.task].classWeights
    ? [select('classWeights', 'Class weights', CLASS_WEIGHTS, f.classWeights)]
    : [];
}

/** "240 sentences · 7 tags · 0 unlabeled": what the task's data counts. */
export function dataFacts(f: SetupForm, totalRows: number, labels: number, unlabeled: number): string {
  const nouns = TASK_FIELDS[f.task].nouns;
  return [
    `${totalRows} ${nouns.rows}`,
    ...(nouns.labels ? [`${labels} ${nouns.labels}`] : []),
    `${unlabeled} unlabeled`,
  ].join(' · ');
}
