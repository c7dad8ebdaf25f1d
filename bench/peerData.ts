/**
 * The peer benchmark's inputs, made deterministically: product descriptions of mixed
 * lengths in four categories (a CSV whose `split` column puts every row in training),
 * and random-init checkpoints of a given BERT shape on the real bert-base-uncased vocabulary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initParameter } from '../extension/engine/bert/init';
import { Rng } from '../extension/shared/rng';
import { parseBertConfig } from '../extension/engine/bert/config';
import { parameterSpecs } from '../extension/engine/bert/params';
import { writeSafetensors } from '../extension/engine/bert/safetensors';
import { VOCAB } from '../test/engine/train/tinyModel';
import { configJson } from './randomStep';

export const LABELS = ['electronics', 'kitchen', 'outdoors', 'clothing'];

const NOUNS: Record<string, string[]> = {
  electronics: ['headphones', 'charger', 'monitor', 'keyboard', 'speaker', 'webcam', 'router', 'power bank'],
  kitchen: ['skillet', 'kettle', 'blender', 'knife set', 'cutting board', 'coffee grinder', 'mixing bowl', 'toaster'],
  outdoors: ['tent', 'sleeping bag', 'headlamp', 'backpack', 'water filter', 'camp stove', 'trekking poles', 'hammock'],
  clothing: ['jacket', 'sweater', 'rain coat', 'hiking socks', 'denim shirt', 'wool scarf', 'chinos', 'fleece vest'],
};
const FEATURES: Record<string, string[]> = {
  electronics: [
    'charges over usb-c in under two hours',
    'pairs with bluetooth 5.3 and remembers eight devices',
    'has a matte screen that cuts glare in bright offices',
    'ships with a braided cable and a travel pouch',
    'keeps latency low enough for video calls and games',
  ],
  kitchen: [
    'heats evenly on gas, electric and induction hobs',
    'is dishwasher safe and does not stain with tomato sauce',
    'keeps a sharp edge after months of daily chopping',
    'boils a litre of water in about three minutes',
    'has a non-slip base that stays put on wet counters',
  ],
  outdoors: [
    'packs down to the size of a water bottle',
    'sheds rain in a storm and dries quickly in the sun',
    'weighs less than a kilogram with its stuff sack',
    'sets up in five minutes even in the dark',
    'survived a week of muddy trails without a tear',
  ],
  clothing: [
    'is cut slightly long in the back to stay tucked in',
    'keeps its shape after dozens of washes',
    'breathes well on warm afternoons and layers in winter',
    'has deep pockets with a hidden zip for a phone',
    'comes in six colours and runs true to size',
  ],
};
const FILLER = [
  'We tested it for a month before writing this.',
  'Delivery took four days and the box was intact.',
  'The price went down twice since last spring.',
  'Customer service answered my question within a day.',
  'My partner borrowed it and now wants one too.',
  'Honestly, it is better than the one it replaced.',
  'The instructions could be clearer, but it works.',
  'It would make a good gift for someone who has everything.',
];
const OPENERS = ['This', 'Our new', 'A lightweight', 'The classic', 'A sturdy', 'An affordable'];

const pick = <T>(rng: Rng, xs: T[]): T => xs[Math.floor(rng.next() * xs.length)];

/** One description: a heavy-tailed number of sentences (median ~20 tokens, a few past max_length). */
function description(rng: Rng, label: string): string {
  const sentences = [`${pick(rng, OPENERS)} ${pick(rng, NOUNS[label])} ${pick(rng, FEATURES[label])}.`];
  const extra = Math.floor(-Math.log(1 - rng.next()) * 1.2);
  for (let i = 0; i < extra; i++)
    sentences.push(rng.next() < 0.7 ? pick(rng, FILLER) : `It also ${pick(rng, FEATURES[label])}.`);
  return sentences.join(' ');
}

export function writeProductCsv(file: string, rows: number, seed = 7): void {
  const rng = new Rng(seed);
  const lines = ['text,label,split'];
  for (let i = 0; i < rows; i++) {
    const label = LABELS[i % LABELS.length];
    lines.push(`"${description(rng, label).replace(/"/g, '""')}",${label},train`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

export interface Shape {
  name: string;
  layers: number;
  hidden: number;
  heads: number;
  inter: number;
}

/** A random-init base checkpoint; config.json names the four labels, so both sides build a 4-way classifier. */
export function writeCheckpoint(dir: string, s: Shape, seed = 0): string {
  const json = { architectures: ['BertModel'], ...configJson(s, LABELS) };
  const config = parseBertConfig(json, s.name);
  const rng = new Rng(seed);
  const params = new Map(
    parameterSpecs(config, 'base').map((p) => [p.name, initParameter(p.name, p.shape, config, rng)]),
  );
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(json, null, 2));
  writeSafetensors(path.join(dir, 'model.safetensors'), params, { format: 'pt' });
  fs.copyFileSync(VOCAB, path.join(dir, 'vocab.txt'));
  return dir;
}
