/**
 * Enforces the coverage floor of contracts/ after `hardhat test --coverage`.
 *
 * Hardhat 3's built-in coverage reports lines and statements (coverage/lcov.info carries no
 * branch records), so branches are measured here by their most important kind in this codebase:
 * every guard ends in a custom error, and a guard counts as covered when some test asserts that
 * error by name (`revertedWithCustomError(..., "Name")`, `Name.selector`, or `.Name(` in a
 * Solidity expectRevert). Lines come from lcov.
 *
 * Usage: tsx scripts/coverage/check.ts [--lines 95] [--guards 90]
 * Exit 0 when both floors hold, 1 when one is missed, 2 on bad usage or a missing report.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

interface Floors {
  lines: number;
  guards: number;
}

const LCOV = "coverage/lcov.info";
const CONTRACTS = "contracts";
const TESTS = "test";
const SOURCE_EXTENSIONS = [".ts", ".sol"];

function parseFloors(argv: string[]): Floors {
  const floors: Floors = { lines: 95, guards: 90 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, "");
    const value = Number(argv[i + 1]);
    if ((key !== "lines" && key !== "guards") || !Number.isFinite(value) || value < 0 || value > 100) {
      console.error(`coverage: bad option ${argv[i]} ${argv[i + 1] ?? ""} (use --lines N --guards N, 0..100)`);
      process.exit(2);
    }
    floors[key] = value;
  }
  return floors;
}

function filesUnder(dir: string, extensions: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, extensions));
    else if (extensions.some((ext) => name.endsWith(ext))) out.push(path);
  }
  return out;
}

/** Per source file of contracts/: [lines found, lines hit]. */
function lineCoverage(lcov: string): Map<string, [number, number]> {
  const perFile = new Map<string, [number, number]>();
  let file = "";
  for (const line of lcov.split("\n")) {
    if (line.startsWith("SF:")) file = line.slice(3);
    else if (line.startsWith("DA:") && file.startsWith(`${CONTRACTS}/`)) {
      const hits = Number(line.split(",")[1]);
      const [found, hit] = perFile.get(file) ?? [0, 0];
      perFile.set(file, [found + 1, hit + (hits > 0 ? 1 : 0)]);
    }
  }
  return perFile;
}

function declaredErrors(): Map<string, string> {
  const errors = new Map<string, string>();
  for (const file of filesUnder(CONTRACTS, [".sol"])) {
    for (const match of readFileSync(file, "utf8").matchAll(/^\s*error\s+([A-Za-z0-9_]+)\s*\(/gm)) {
      if (match[1]) errors.set(match[1], relative(".", file));
    }
  }
  return errors;
}

function assertedErrors(names: Iterable<string>): Set<string> {
  const tests = filesUnder(TESTS, SOURCE_EXTENSIONS).map((file) => readFileSync(file, "utf8"));
  const asserted = new Set<string>();
  for (const name of names) {
    const patterns = [`"${name}"`, `${name}.selector`, `.${name}(`];
    if (tests.some((text) => patterns.some((pattern) => text.includes(pattern)))) asserted.add(name);
  }
  return asserted;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : (100 * part) / whole;
}

function main(): void {
  const floors = parseFloors(process.argv.slice(2));
  if (!existsSync(LCOV)) {
    console.error(`coverage: ${LCOV} is missing; run \`npm run test:coverage\` (hardhat test --coverage) first`);
    process.exit(2);
  }
  const perFile = lineCoverage(readFileSync(LCOV, "utf8"));
  let found = 0;
  let hit = 0;
  for (const [fileFound, fileHit] of perFile.values()) {
    found += fileFound;
    hit += fileHit;
  }
  const errors = declaredErrors();
  const asserted = assertedErrors(errors.keys());
  const linePct = percent(hit, found);
  const guardPct = percent(asserted.size, errors.size);

  const weakest = [...perFile.entries()]
    .map(([file, [f, h]]) => ({ file, pct: percent(h, f) }))
    .sort((a, b) => a.pct - b.pct)
    .slice(0, 5);
  console.log(`coverage of ${CONTRACTS}/ (${perFile.size} files)`);
  console.log(`  lines   ${linePct.toFixed(2)}% (${hit}/${found}), floor ${floors.lines}%`);
  console.log(`  guards  ${guardPct.toFixed(2)}% (${asserted.size}/${errors.size} custom errors asserted by a test), floor ${floors.guards}%`);
  console.log(`  weakest files: ${weakest.map((w) => `${w.file} ${w.pct.toFixed(1)}%`).join(", ")}`);
  const untested = [...errors.keys()].filter((name) => !asserted.has(name));
  if (untested.length > 0) console.log(`  guards no test asserts: ${untested.join(", ")}`);

  if (linePct < floors.lines || guardPct < floors.guards) {
    console.error("coverage: below the floor");
    process.exit(1);
  }
}

main();
