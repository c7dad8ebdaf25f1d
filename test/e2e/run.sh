#!/usr/bin/env bash
# End to end in a real VS Code (code-server + Debian chromium), the extension loaded from this checkout.
# Screenshots and the server log go to test-artifacts/. Arguments: test files to run (default: all).
# Tests find the workspace folder in E2E_WORKSPACE (it starts with the fixture CSV; a test may add its own files).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/setup.sh
work=$(mktemp -d)
mkdir -p "$work/ext" "$work/data/User" "$work/ws" test-artifacts
ln -s "$PWD" "$work/ext/bert-studio.bert-studio-0.1.0"
cp test/fixtures/data/classify.csv "$work/ws/"
printf '{"bertStudio.defaultModel": "%s", "workbench.startupEditor": "none"}\n' "$PWD/test/fixtures/parity/tiny-cls" > "$work/data/User/settings.json"
port=$((20000 + RANDOM % 20000))
.e2e/node_modules/.bin/code-server --auth none --bind-addr 127.0.0.1:$port --disable-telemetry \
  --user-data-dir "$work/data" --extensions-dir "$work/ext" "$work/ws" > test-artifacts/code-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 1; done
tests=("$@"); [ ${#tests[@]} -gt 0 ] || tests=(test/e2e/*.test.js)
E2E_URL="http://127.0.0.1:$port/?folder=$work/ws" E2E_WORKSPACE="$work/ws" E2E_ARTIFACTS="$PWD/test-artifacts" \
  NODE_PATH="$PWD/.e2e/node_modules" node --test --test-concurrency=1 "${tests[@]}"
