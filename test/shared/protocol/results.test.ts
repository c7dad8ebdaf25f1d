import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromResultsPanel, parseToResultsPanel, revealable } from '../../../extension/shared/protocol/results';
import { modelChoices } from '../../../extension/inference/modelChoices';
import type { RunInfo } from '../../../extension/runs/runRegistry';

test('results panel messages are validated both ways', () => {
  const cls = {
    type: 'classification',
    model: 'm',
    text: 'snow',
    predictions: [
      { label: 'weather', score: 0.9 },
      { label: 'sports', score: 0.1 },
    ],
  };
  assert.deepEqual(parseToResultsPanel(cls), cls);
  const answers = {
    type: 'answers',
    model: 'm',
    question: 'where?',
    answers: [{ text: 'Paris', score: 0.4 }],
    selected: 0,
  };
  assert.deepEqual(parseToResultsPanel(answers), answers);
  assert.deepEqual(parseToResultsPanel({ ...answers, answers: [] }), { ...answers, answers: [] });
  assert.throws(
    () => parseToResultsPanel({ ...cls, predictions: [{ label: 'x', score: 1.5 }] }),
    /predictions\[0\] is malformed/,
  );
  assert.throws(() => parseToResultsPanel({ ...cls, predictions: 'all' }), /predictions must be a list/);
  assert.throws(() => parseToResultsPanel({ ...answers, selected: 1 }), /selected is not an answer/);
  assert.throws(() => parseToResultsPanel({ type: 'html', model: 'm' }), /unknown message type "html"/);
  assert.throws(() => parseToResultsPanel({ type: 'classification' }), /needs a type and a model/);
  assert.deepEqual(parseFromResultsPanel({ type: 'reveal', index: 2 }, 3), { type: 'reveal', index: 2 });
  assert.throws(() => parseFromResultsPanel({ type: 'reveal', index: 3 }, 3), /answer 3 does not exist/);
  assert.throws(() => parseFromResultsPanel({ type: 'reveal', index: '0' }, 3), /answer 0 does not exist/);
  assert.throws(() => parseFromResultsPanel({ type: 'eval', index: 0 }, 3), /unknown message/);
});

test('entities for the results panel are validated: places from 1, a colour index, a selection or none', () => {
  const entities = {
    type: 'entities',
    model: 'm',
    text: 'Ann met Bob\r\nin Paris',
    entities: [
      { text: 'Ann', type: 'PER', score: 0.9, line: 3, column: 1, colour: 1 },
      { text: 'Paris', type: 'LOC', score: 0.8, line: 4, column: 4, colour: 0 },
    ],
    selected: -1,
  };
  assert.deepEqual(parseToResultsPanel(entities), entities);
  assert.equal(revealable(parseToResultsPanel(entities)), 2);
  assert.deepEqual(parseToResultsPanel({ ...entities, selected: 1 }), { ...entities, selected: 1 });
  assert.throws(() => parseToResultsPanel({ ...entities, selected: 2 }), /selected is not an entity/);
  const bad = (e: object) => ({ ...entities, entities: [{ ...entities.entities[0], ...e }] });
  assert.throws(() => parseToResultsPanel(bad({ line: 0 })), /entities\[0\] is malformed/);
  assert.throws(() => parseToResultsPanel(bad({ colour: -1 })), /entities\[0\] is malformed/);
  assert.throws(() => parseToResultsPanel(bad({ score: 2 })), /entities\[0\] is malformed/);
  assert.throws(() => parseToResultsPanel({ ...entities, text: 3 }), /entities need the tagged text/);
  assert.equal(revealable({ type: 'classification', model: 'm', text: 't', predictions: [] }), 0);
});

const run = (name: string, more: Partial<RunInfo> = {}): RunInfo => ({
  name,
  folder: `/ws/runs/${name}`,
  status: 'finished',
  task: 'cls',
  model: 'bert-base-uncased',
  bestMetric: { name: 'eval_accuracy', value: 0.9123 },
  metrics: [],
  checkpoints: [],
  exported: [],
  failure: null,
  ...more,
});

test('Select Model lists finished runs, the default model, the current one, then a folder or a Hub id', () => {
  const runs = [
    run('news'),
    run('squad', { task: 'qa', bestMetric: { name: 'eval_f1', value: 71.5 } }),
    run('half', { status: 'interrupted' }),
  ];
  const items = modelChoices(runs, '/ws/tiny-cls', '/ws/runs/squad');
  assert.deepEqual(
    items.map((i) => i.value ?? i.action),
    ['/ws/runs/news', '/ws/runs/squad', '/ws/tiny-cls', 'folder', 'hub'],
  );
  assert.equal(items[0].description, 'classification · eval_accuracy 0.912');
  assert.equal(items[1].description, 'question answering · eval_f1 71.500 · current');
  assert.match(items[2].description, /default model \(bertStudio\.defaultModel\)$/);
  const other = modelChoices([], 'bert-base-uncased', 'org/squad-bert');
  assert.deepEqual(
    other.map((i) => i.value ?? i.action),
    ['bert-base-uncased', 'org/squad-bert', 'folder', 'hub'],
  );
  assert.equal(other[1].description, 'current');
  assert.match(modelChoices([], 'bert-base-uncased', 'bert-base-uncased')[0].description, /· current$/);
});
