/** CoNLL-style named-entity files (a token and its tag per line): the extensions the engine reads them by, which the host's file pickers and the Datasets view offer too. */
import * as path from 'node:path';

export const CONLL_EXTENSIONS = ['.conll', '.conll03', '.iob', '.iob2', '.bio', '.ner'];

export const isConll = (file: string): boolean => CONLL_EXTENSIONS.includes(path.extname(file).toLowerCase());
