#!/usr/bin/env bash
# End to end in a real VS Code (code-server + Debian chromium): builds the VSIX (npm run package) and installs
# it into a fresh extensions folder, as a user would. Screenshots and the server log go to test-artifacts/.
# Arguments: test files to run (default: all). Tests find the workspace folder in E2E_WORKSPACE (it starts
# with the fixture CSV; a test may add its own files), the user settings file in E2E_SETTINGS, the page in E2E_URL, the screenshots folder in E2E_ARTIFACTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/setup.sh
work=$(mktemp -d)
server=
trap '[ -z "$server" ] || kill $server 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/ext" "$work/data/User" "$work/ws" test-artifacts
npm run package -- --out "$work/bert-studio.vsix"
code_server=.e2e/node_modules/.bin/code-server
"$code_server" --user-data-dir "$work/data" --extensions-dir "$work/ext" --install-extension "$work/bert-studio.vsix" \
  > test-artifacts/code-server.log 2>&1 || { cat test-artifacts/code-server.log; exit 1; }
cp test/fixtures/data/classify.csv "$work/ws/"
# Auto save is off as in desktop VS Code (in a browser it defaults to afterDelay), so unsaved edits stay unsaved.
printf '{"bertStudio.defaultModel": "%s", "workbench.startupEditor": "none", "files.autoSave": "off"}\n' "$PWD/test/fixtures/parity/tiny-cls" > "$work/data/User/settings.json"
port=$((20000 + RANDOM % 20000))
"$code_server" --auth none --bind-addr 127.0.0.1:$port --disable-telemetry \
  --user-data-dir "$work/data" --extensions-dir "$work/ext" "$work/ws" >> test-artifacts/code-server.log 2>&1 &
server=$!
for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 1; done
tests=("$@"); [ ${#tests[@]} -gt 0 ] || tests=(test/e2e/*.test.js)
E2E_URL="http://127.0.0.1:$port/?folder=$work/ws" E2E_WORKSPACE="$work/ws" E2E_SETTINGS="$work/data/User/settings.json" E2E_ARTIFACTS="$PWD/test-artifacts" \
  NODE_PATH="$PWD/.e2e/node_modules" node --test --test-concurrency=1 "${tests[@]}"
