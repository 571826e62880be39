#!/usr/bin/env bash
# Installs the project from package-lock.json so that Hardhat 3 runs on a machine whose Node is 20.
#
# Why two passes: Hardhat 3 needs Node >= 22.13. The `node` npm package puts a Node 22 binary at
# node_modules/.bin/node, and npm scripts put that folder first on PATH. But npm running on Node 20
# silently skips the EVM's native package (@nomicfoundation/edr-<platform>, engines: node >= 22),
# so a second pass runs npm itself on the Node 22 binary to bring it in.
# Idempotent: does nothing when the install is already complete.
set -euo pipefail
cd "$(dirname "$0")/.."

local_node=node_modules/.bin/node

installed() {
  [ -x "$local_node" ] && "$local_node" -e "require('@nomicfoundation/edr')" >/dev/null 2>&1
}

# The stamp records which lock file the install came from (content, not file times, so a
# checkout that touches package-lock.json without changing it does not reinstall).
stamp=node_modules/.reactor-setup-stamp
lock_hash=$(node -e "const c=require('crypto'),f=require('fs');process.stdout.write(c.createHash('sha256').update(f.readFileSync('package-lock.json')).digest('hex'))")
if installed && [ "$(cat "$stamp" 2>/dev/null)" = "$lock_hash" ]; then
  exit 0
fi

echo "setup: installing dependencies from package-lock.json (offline-safe, no global installs)"
npm ci --no-audit --no-fund --loglevel=error
if ! installed; then
  echo "setup: second pass on Node $("$local_node" -v) to add the EVM's native binding"
  PATH="$PWD/node_modules/.bin:$PATH" npm ci --no-audit --no-fund --loglevel=error
fi
installed || { echo "setup: Hardhat's EVM binding is still missing; see README 'Requirements'" >&2; exit 1; }
echo "$lock_hash" >"$stamp"
echo "setup: done (Hardhat runs on Node $("$local_node" -v))"
