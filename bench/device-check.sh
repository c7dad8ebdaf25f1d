#!/usr/bin/env bash
# The GPU check to run on a lent GPU machine (see ../shared/GPU.md for carrying Node and the runtime there):
# finds the real WebGPU adapter (NVIDIA's Vulkan ICD, never SwiftShader), runs the PyTorch parity fixtures and
# the placement report on it, a 50-step training run, then bench:gpu beside PyTorch on CUDA. Prints one JSON
# object per line; each part has a time bound so the whole stays well under the device tool's 10 minutes.
# Expects a built tree (npm run build): out/ is carried, nothing is compiled there.
set -uo pipefail
cd "$(dirname "$0")/.."
unset VK_ICD_FILENAMES
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  [ -f "$icd" ] && export VK_DRIVER_FILES=$icd && break
done
export BERT_STUDIO_WEBGPU=system XDG_CACHE_HOME=$(mktemp -d)
json() { node -e 'const [k, v] = process.argv.slice(1); console.log(JSON.stringify({ [k]: v }))' "$1" "$2"; }
json vk_driver_files "${VK_DRIVER_FILES:-none found}"
json adapter "$(timeout 60 node -e "require('./out/extension/engine/runtime/ort').probeProvider('webgpu').then((r) => console.log(JSON.stringify(r)))" 2>&1 | tail -1)"
json parity "$(timeout 180 node --test out/test/engine/webgpu/parity.test.js 2>&1 | grep -E '^# (pass|fail|skipped)' | tr '\n' ' ')"
for task in cls qa; do
  timeout 120 node bin/bert-studio.js placement test/fixtures/parity/tiny-$task --task $task --execution_provider webgpu --json 2>/dev/null |
    node -e "let s='';process.stdin.on('data',(d)=>(s+=d)).on('end',()=>console.log(JSON.stringify({placement_$task: JSON.parse(s || 'null')})))"
done
run=$(mktemp -d)/run
start=$(date +%s)
timeout 180 node bin/bert-studio.js train test/fixtures/data/classify.csv --model test/fixtures/parity/tiny-cls --output "$run" \
  --max_steps 50 --eval_strategy steps --eval_steps 25 --save_strategy steps --save_steps 25 --execution_provider webgpu >/dev/null 2>"$run.log"
json run_50_steps "exit $? in $(($(date +%s) - start)) s; $(grep -E '^(placement|execution provider)' "$run.log" | tr '\n' ' ')"
BENCH_EP=webgpu BENCH_BATCH=${BENCH_BATCH:-32} timeout 240 node out/bench/train.js 2>/dev/null | tail -1
