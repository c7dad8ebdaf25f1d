#!/usr/bin/env bash
# Installs what the end-to-end test needs, into .e2e/ (ignored): Debian's chromium, and code-server from npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
# npm run's npm_config_* environment changes how code-server's own install behaves: start clean.
for v in $(env | grep -o '^npm_[A-Za-z_]*' || true); do unset "$v"; done
export DEBIAN_FRONTEND=noninteractive
command -v chromium >/dev/null || { apt-get update -qq; apt-get install -y -qq chromium libkrb5-dev ripgrep >/dev/null; }
# @vscode/ripgrep downloads rg from GitHub at install; give it the Debian binary instead.
cache=/tmp/vscode-ripgrep-cache-1.15.11
if [ ! -f $cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz ]; then
  mkdir -p $cache /tmp/rgpack && cp "$(command -v rg)" /tmp/rgpack/
  tar czf $cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz -C /tmp/rgpack rg
fi
if [ ! -f .e2e/ready ]; then
  # Its own package.json, so npm installs here (not into the repository) and runs code-server's postinstall;
  # npm_config_yes lets node-pty's post-install fetch node-gyp with npx.
  rm -rf .e2e && mkdir -p .e2e && echo '{"private": true}' > .e2e/package.json
  (cd .e2e && npm_config_yes=true npm install --unsafe-perm code-server@4.100.3 playwright-core@1 >/dev/null 2>&1)
  touch .e2e/ready
fi
