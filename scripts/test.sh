#!/usr/bin/env bash
# `npm test`: the whole suite in two passes, then the coverage floor.
#
# Pass 1 runs, on the plain build, the tests whose verdict depends on real bytecode or on other
# processes: gas figures, contract sizes, the e2e CLI processes and the browser. Coverage
# instrumentation would change their gas and sizes, and a spawned node would not record coverage.
# Pass 2 runs everything else (Solidity fuzz/invariant, mocha unit and integration) with Hardhat's
# built-in coverage, built into coverage/build so the plain artifacts stay untouched
# (hardhat.config.ts), and scripts/coverage/check.ts enforces the floor of contracts/.
# One file: `npx hardhat test mocha <file>` or `npx hardhat test solidity <file>`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

# Tests of real bytecode and processes, by their titles.
readonly UNINSTRUMENTED='^(e2e|app):|contract sizes|: gas|Reactor gas|rollover gas|first commit lean|reports claim gas'

case "${1:-all}" in
  plain) hardhat test mocha --grep "$UNINSTRUMENTED" ;;
  coverage)
    hardhat --coverage --no-typechain test --grep-exclude "$UNINSTRUMENTED"
    tsx scripts/coverage/check.ts
    ;;
  all)
    hardhat test mocha --grep "$UNINSTRUMENTED"
    hardhat --coverage --no-typechain test --grep-exclude "$UNINSTRUMENTED"
    tsx scripts/coverage/check.ts
    ;;
  *) echo "usage: scripts/test.sh [all|plain|coverage]" >&2; exit 2 ;;
esac
