/**
 * How one data file reads in the Datasets tree, without VS Code: its group, icon,
 * one-line description ("330 rows · 3 labels · 10 unlabeled"), a Markdown tooltip
 * with columns, mapping and a text bar chart of the label counts, and the actions
 * that apply to it (as words in the item's contextValue, which package.json's menus
 * match with `viewItem =~ /\bsplit\b/`).
 *
 * Files with no text column at all (a CSV of numbers, a log) are not datasets: they
 * go in a collapsed "Other data files" group, dimmed, with the reason, so nothing is
 * hidden without a word yet the list stays about datasets. Any .json that is not
 * SQuAD-style (package.json, settings) is not listed at all.
 */
import * as path from 'node:path';
import type { DatasetEntry } from './datasetIndex';
import type { DatasetSummary } from '../engine/process/protocol';
import { TASK_TITLES } from '../shared/tasks';

export type ItemGroup = 'datasets' | 'other' | 'hidden';
export type ItemIcon = 'loading' | 'usable' | 'qa' | 'unlabeled' | 'warning' | 'other';
export type ItemAction = 'label' | 'train' | 'tokens' | 'split' | 'columns' | 'reveal';

export interface ItemView {
  group: ItemGroup;
  label: string;
  description: string;
  /** Markdown; every piece that came from the file is escaped. */
  tooltip: string;
  icon: ItemIcon;
  actions: ItemAction[];
}

const NOT_A_DATASET = /no text column found/;
const DELIMITED = /\.(csv|tsv|tab|jsonl|ndjson)$/i;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
export const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
/** Text inside a fenced code block: only a run of backticks could end it early. */
const inCode = (s: string) => s.replace(/`/g, "'");

/** "cooking  ██████████ 110": one line per label, the longest bar 20 blocks. */
export function labelBars(counts: Record<string, number>, unlabeled: number, maxLabels = 20): string {
  const rows: [string, number][] = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const shown = rows.slice(0, maxLabels);
  if (unlabeled) shown.push(['(unlabeled)', unlabeled]);
  const top = Math.max(1, ...shown.map((r) => r[1]));
  const width = Math.max(...shown.map((r) => r[0].length), 1);
  const lines = shown.map(
    ([name, n]) =>
      `${name.padEnd(width)}  ${'█'.repeat(Math.max(n ? 1 : 0, Math.round((20 * n) / top))).padEnd(20)} ${n}`,
  );
  if (rows.length > maxLabels) lines.push(`… ${rows.length - maxLabels} more labels`);
  return lines.join('\n');
}

export function describe(s: DatasetSummary): string {
  if (s.kind === 'qa')
    return [plural(s.rows, 'question'), s.unlabeled ? `${s.unlabeled} unanswerable` : ''].filter(Boolean).join(' · ');
  const labels = Object.keys(s.labelCounts).length;
  const facts = [
    plural(s.rows, 'row'),
    labels ? plural(labels, 'label') : '',
    s.unlabeled ? `${s.unlabeled.toLocaleString('en-US')} unlabeled` : '',
  ];
  if (s.problem) facts.push(shortReason(s.problem));
  return facts.filter(Boolean).join(' · ');
}

/** The problem's first clause, short enough for a description ("row 3 has 3 fields, …" → "row 3 has 3 fields"). */
export function shortReason(problem: string): string {
  const first = problem.split(/[;(]/)[0].trim();
  return first.length > 60 ? `${first.slice(0, 57)}…` : first;
}

function tooltip(file: string, s: DatasetSummary | null, status: string): string {
  const parts = [`**${escapeMarkdown(path.basename(file))}** — ${escapeMarkdown(status)}`];
  if (s) {
    if (s.problem) parts.push(`$(warning) ${escapeMarkdown(s.problem)}`);
    if (s.columns.length) parts.push(`Columns: ${s.columns.map((c) => `\`${inCode(c)}\``).join(', ')}`);
    if (s.mapping) {
      const m = [
        `text → \`${inCode(s.mapping.text)}\``,
        s.mapping.textPair ? `second text → \`${inCode(s.mapping.textPair)}\`` : '',
        `label → ${s.mapping.label ? `\`${inCode(s.mapping.label)}\`` : 'none'}`,
      ];
      parts.push(`Mapping: ${m.filter(Boolean).join(', ')}`);
    }
    if (Object.keys(s.labelCounts).length || (s.kind === 'classification' && s.unlabeled))
      parts.push('```text\n' + inCode(labelBars(s.labelCounts, s.unlabeled)) + '\n```');
  }
  parts.push(escapeMarkdown(file));
  return parts.join('\n\n');
}

function actionsFor(file: string, s: DatasetSummary): ItemAction[] {
  const delimited = DELIMITED.test(file);
  if (s.kind === 'qa') return ['train', 'reveal'];
  const a: ItemAction[] = [];
  if (delimited) a.push('label');
  if (s.kind === 'classification') a.push('train');
  if (s.mapping) a.push('tokens');
  if (s.kind === 'classification' && delimited) a.push('split');
  if (delimited) a.push('columns');
  a.push('reveal');
  return a;
}

export function itemView(e: DatasetEntry): ItemView {
  const label = path.basename(e.file);
  if (e.state === 'inspecting') {
    const how = e.fraction === null ? 'inspecting…' : `inspecting… ${Math.floor(e.fraction * 100)}%`;
    const actions = e.previous ? actionsFor(e.file, e.previous) : ['reveal' as const];
    return {
      group:
        e.previous && itemView({ file: e.file, state: 'inspected', summary: e.previous }).group === 'hidden'
          ? 'hidden'
          : 'datasets',
      label,
      description: how,
      tooltip: tooltip(e.file, e.previous, how),
      icon: 'loading',
      actions,
    };
  }
  if (e.state === 'failed')
    return {
      group: 'datasets',
      label,
      description: shortReason(e.error),
      tooltip: tooltip(e.file, null, `could not be inspected: ${e.error}`),
      icon: 'warning',
      actions: ['columns', 'reveal'],
    };
  const s = e.summary;
  if (path.extname(e.file).toLowerCase() === '.json' && s.kind !== 'qa')
    return { group: 'hidden', label, description: '', tooltip: '', icon: 'other', actions: [] };
  if (s.kind === null && !s.mapping && s.problem && NOT_A_DATASET.test(s.problem)) {
    return {
      group: 'other',
      label,
      description: `not a dataset: ${shortReason(s.problem)}`,
      tooltip: tooltip(e.file, s, 'not a dataset'),
      icon: 'other',
      actions: ['columns', 'reveal'],
    };
  }
  const needsLabels = s.kind === null && !!s.mapping && !s.mapping.label;
  const icon: ItemIcon = s.kind === 'qa' ? 'qa' : needsLabels ? 'unlabeled' : s.problem ? 'warning' : 'usable';
  const status =
    s.kind === 'qa'
      ? 'question answering (SQuAD-style)'
      : s.kind === 'classification'
        ? TASK_TITLES[s.task ?? 'cls'].toLowerCase()
        : needsLabels
          ? 'texts without labels'
          : 'cannot be used yet';
  return {
    group: 'datasets',
    label,
    description: describe(s),
    tooltip: tooltip(e.file, s, status),
    icon,
    actions: actionsFor(e.file, s),
  };
}
