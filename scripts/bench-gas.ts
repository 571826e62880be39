// npm run bench:gas [-- --write | --check]: measures gasUsed from receipts for every user
// operation and for the rollover (scripts/gas/, the scenarios the gas tests run too), prints a
// table and exits 1 when a figure exceeds its budget in gas-budget.json (or has none).
// It writes reports/gas.md (not tracked); `--write` rewrites the tracked docs/gas.md instead, and
// `--check` (npm run bench:gas:check, for CI) fails when docs/gas.md differs from a fresh run
// by more than run-to-run noise (see sameWithinNoise).
// Gas only, not time.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Table from "cli-table3";
import { Command } from "commander";
import pc from "picocolors";
import { readBudget, verdict, type Budget } from "./gas/budget.js";
import type { GasRow } from "./gas/measure.js";
import { SCENARIOS } from "./gas/scenarios.js";

/** The tracked table (README links it); rewritten only with --write. */
const DOCS = "docs/gas.md";
/** Where a plain run writes (git-ignored). */
const REPORT = "reports/gas.md";

const { write, check } = new Command()
  .name("bench:gas")
  .option("--write", `rewrite ${DOCS} (tracked) instead of ${REPORT}`, false)
  .option("--check", `fail when ${DOCS} differs from this run (CI)`, false)
  .parse()
  .opts<{ write: boolean; check: boolean }>();
const OUT = process.env.GAS_REPORT ?? (write ? DOCS : REPORT);
const progress = (text: string) =>
  process.stderr.write(process.stderr.isTTY === true ? pc.dim(`${text}\n`) : `${text}\n`);

function markdown(rows: readonly GasRow[], budget: Budget): string {
  const lines = [
    "# Gas",
    "",
    "Written by `npm run bench:gas -- --write` (scripts/bench-gas.ts): gasUsed from transaction receipts on",
    "Hardhat's in-process chain (EVM cancun, solc 0.8.30, 10,000 optimizer runs), the system",
    "deployed by `deploySystem`, 18- or 6-decimal OpenZeppelin ERC-20 assets. Budgets live in",
    "[gas-budget.json](../gas-budget.json); the benchmark fails when a figure exceeds its budget.",
    "",
  ];
  let group = "";
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push(
        `## ${group}`,
        "",
        "| operation | gas | budget | |",
        "| --- | ---: | ---: | --- |",
      );
    }
    const entry = budget[row.id];
    const v = verdict(row, budget);
    lines.push(
      `| ${row.label} | ${row.gasUsed.toLocaleString("en-US")} | ${entry === undefined ? "–" : entry.max.toLocaleString("en-US")} | ${v === "ok" ? "✓" : v}${entry !== undefined ? ` ${entry.why}` : ""} |`,
    );
    const next = rows[rows.indexOf(row) + 1];
    if (next === undefined || next.group !== group) lines.push("");
  }
  return lines.join("\n");
}

/**
 * Gas noise between two runs of the same code: signatures and deadlines derive from block
 * timestamps, so calldata changes by a few zero bytes (4 vs 16 gas each). Figures within this
 * much of each other are the same measurement; anything else (a row, a label, a budget) must match.
 */
const NOISE_GAS = 200;
const NOISE_FRACTION = 0.002;

function sameWithinNoise(tracked: string, fresh: string): boolean {
  const [a, b] = [tracked.split("\n"), fresh.split("\n")];
  if (a.length !== b.length) return false;
  const figure = (cell: string) =>
    /^\s*[\d,]+\s*$/.test(cell) ? Number(cell.replace(/[,\s]/g, "")) : NaN;
  return a.every((line, i) => {
    if (line === b[i]) return true;
    const [x, y] = [line.split("|"), b[i]!.split("|")];
    return (
      x.length === y.length &&
      x.every((cell, j) => {
        if (cell === y[j]) return true;
        const [p, q] = [figure(cell), figure(y[j]!)];
        return (
          Number.isFinite(p) &&
          Number.isFinite(q) &&
          Math.abs(p - q) <= Math.max(NOISE_GAS, p * NOISE_FRACTION)
        );
      })
    );
  });
}

const budget = await readBudget();
const rows: GasRow[] = [];
for (const scenario of SCENARIOS) {
  progress(`measuring: ${scenario.group}`);
  rows.push(...(await scenario.run()));
}

const table = new Table({
  head: ["group", "operation", "gas", "budget", ""].map((h) => pc.cyan(h)),
  colAligns: ["left", "left", "right", "right", "left"],
  style: { head: [], border: [], compact: true },
});
for (const row of rows) {
  const v = verdict(row, budget);
  const max = budget[row.id]?.max;
  table.push([
    row.group,
    row.label,
    row.gasUsed.toLocaleString("en-US"),
    max === undefined ? "–" : max.toLocaleString("en-US"),
    v === "ok" ? pc.green("✓") : pc.red(v),
  ]);
}
console.log(table.toString());
const text = markdown(rows, budget);
if (check) {
  const tracked = await readFile(DOCS, "utf8").catch(() => "");
  if (!sameWithinNoise(tracked, text)) {
    console.error(pc.red(`✗ ${DOCS} is stale: run \`npm run bench:gas -- --write\` and commit it`));
    process.exitCode = 1;
  }
} else {
  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(OUT, text);
}
const failures = rows.filter((r) => verdict(r, budget) !== "ok");
if (failures.length > 0) {
  for (const r of failures) {
    const why =
      verdict(r, budget) === "over"
        ? `over its budget of ${budget[r.id]?.max}`
        : `has no budget in gas-budget.json`;
    console.error(pc.red(`✗ ${r.id} (${r.label}): ${r.gasUsed} gas ${why}`));
  }
  process.exitCode = 1;
} else {
  console.log(
    pc.green(
      `All ${rows.length} figures within budget. ${check ? `Compared with ${DOCS}.` : `Wrote ${OUT}.`}`,
    ),
  );
}
