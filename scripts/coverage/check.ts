/**
 * Enforces the coverage floor of contracts/ after `hardhat test --coverage`.
 *
 * Hardhat 3's built-in coverage reports lines and statements (coverage/lcov.info carries no
 * branch records), so branches are measured here by their most important kind in this codebase:
 * every guard ends in a custom error, and a guard counts as covered when some test asserts that
 * error by name (`revertedWithCustomError(..., "Name")`, `Name.selector`, or `.Name(` in a
 * Solidity expectRevert). Lines come from lcov.
 *
 * Usage: tsx scripts/coverage/check.ts [--lines 95] [--guards 90] [--list]
 * `--list` also prints, per contract file, the line numbers no test ran and the custom errors
 * no test asserts: the to-do list for the next tests.
 * Exit 0 when both floors hold, 1 when one is missed, 2 on bad usage or a missing report.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

interface Floors {
  lines: number;
  guards: number;
  list: boolean;
}

/** Per source file of contracts/: lines found, lines hit, and the numbers of the unhit ones. */
interface FileLines {
  found: number;
  hit: number;
  unhit: number[];
}

const LCOV = "coverage/lcov.info";
const CONTRACTS = "contracts";
const TESTS = "test";
const SOURCE_EXTENSIONS = [".ts", ".sol"];

function parseFloors(argv: string[]): Floors {
  const floors: Floors = { lines: 95, guards: 90, list: false };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === "--list") {
      floors.list = true;
      i -= 1;
      continue;
    }
    const key = argv[i]?.replace(/^--/, "");
    const value = Number(argv[i + 1]);
    if ((key !== "lines" && key !== "guards") || !Number.isFinite(value) || value < 0 || value > 100) {
      console.error(`coverage: bad option ${argv[i]} ${argv[i + 1] ?? ""} (use --lines N --guards N, 0..100, --list)`);
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

function lineCoverage(lcov: string): Map<string, FileLines> {
  const perFile = new Map<string, FileLines>();
  let file = "";
  for (const line of lcov.split("\n")) {
    if (line.startsWith("SF:")) file = line.slice(3);
    else if (line.startsWith("DA:") && file.startsWith(`${CONTRACTS}/`)) {
      const [lineNo, hits] = line.slice(3).split(",").map(Number);
      const entry = perFile.get(file) ?? { found: 0, hit: 0, unhit: [] };
      entry.found += 1;
      if ((hits ?? 0) > 0) entry.hit += 1;
      else entry.unhit.push(lineNo ?? 0);
      perFile.set(file, entry);
    }
  }
  return perFile;
}

/** "3, 7-9, 12" from sorted line numbers. */
function ranges(lines: number[]): string {
  const out: string[] = [];
  const sorted = [...lines].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j += 1;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}

/** Per contract file: its unhit lines and the errors it declares that no test asserts. */
function printList(perFile: Map<string, FileLines>, errors: Map<string, string>, asserted: Set<string>): void {
  const untestedByFile = new Map<string, string[]>();
  for (const [name, file] of errors) {
    if (!asserted.has(name)) untestedByFile.set(file, [...(untestedByFile.get(file) ?? []), name]);
  }
  const files = [...new Set([...perFile.keys(), ...untestedByFile.keys()])].sort();
  console.log("  to do, per file (unhit lines; custom errors no test asserts):");
  for (const file of files) {
    const unhit = perFile.get(file)?.unhit ?? [];
    const untested = untestedByFile.get(file) ?? [];
    if (unhit.length === 0 && untested.length === 0) continue;
    const parts: string[] = [];
    if (unhit.length > 0) parts.push(`lines ${ranges(unhit)}`);
    if (untested.length > 0) parts.push(`errors ${untested.join(", ")}`);
    console.log(`    ${file}: ${parts.join("; ")}`);
  }
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
  for (const entry of perFile.values()) {
    found += entry.found;
    hit += entry.hit;
  }
  const errors = declaredErrors();
  const asserted = assertedErrors(errors.keys());
  const linePct = percent(hit, found);
  const guardPct = percent(asserted.size, errors.size);

  const weakest = [...perFile.entries()]
    .map(([file, entry]) => ({ file, pct: percent(entry.hit, entry.found) }))
    .sort((a, b) => a.pct - b.pct)
    .slice(0, 5);
  console.log(`coverage of ${CONTRACTS}/ (${perFile.size} files)`);
  console.log(`  lines   ${linePct.toFixed(2)}% (${hit}/${found}), floor ${floors.lines}%`);
  console.log(`  guards  ${guardPct.toFixed(2)}% (${asserted.size}/${errors.size} custom errors asserted by a test), floor ${floors.guards}%`);
  console.log(`  weakest files: ${weakest.map((w) => `${w.file} ${w.pct.toFixed(1)}%`).join(", ")}`);
  const untested = [...errors.keys()].filter((name) => !asserted.has(name));
  if (untested.length > 0) console.log(`  guards no test asserts: ${untested.join(", ")}`);
  if (floors.list) printList(perFile, errors, asserted);

  if (linePct < floors.lines || guardPct < floors.guards) {
    console.error("coverage: below the floor");
    process.exit(1);
  }
}

main();
