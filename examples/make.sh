#!/usr/bin/env bash
# Regenerates the offline example: the data (deterministic) and the tiny BERT with the PyTorch oracle
# (../shared/reference/bert_reference.py): random weights from a fixed seed, bert-base-uncased's vocabulary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ref=${BERT_REFERENCE:-$here/../../shared/reference/bert_reference.py}
node "$here/make-example.mjs"
"$ref" make-tiny "$here/tiny-bert" --vocab "$(dirname "$ref")/bert-base-uncased-vocab.txt" --task cls --seed 13
printf '{\n  "tokenizer_class": "BertTokenizer",\n  "do_lower_case": true,\n  "model_max_length": 512\n}\n' >"$here/tiny-bert/tokenizer_config.json"
