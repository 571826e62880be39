// npm run bench:gas: measures gasUsed from receipts for every user operation and for the
// rollover, prints a table, writes docs/gas.md and exits 1 when a figure exceeds its budget in
// gas-budget.json (or has none). Gas only, not time.
import { mkdir, writeFile } from "node:fs/promises";
import Table from "cli-table3";
import pc from "picocolors";
import { readBudget, verdict, type Budget } from "./gas/budget.js";
import type { GasRow } from "./gas/measure.js";
import { SCENARIOS } from "./gas/scenarios.js";

const OUT = process.env.GAS_REPORT ?? "docs/gas.md";

function markdown(rows: readonly GasRow[], budget: Budget): string {
  const lines = [
    "# Gas",
    "",
    "Written by `npm run bench:gas` (scripts/bench-gas.ts): gasUsed from transaction receipts on",
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

const budget = await readBudget();
const rows: GasRow[] = [];
for (const scenario of SCENARIOS) {
  process.stderr.write(pc.dim(`measuring: ${scenario.group}...\n`));
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
await mkdir("docs", { recursive: true });
await writeFile(OUT, markdown(rows, budget));
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
  console.log(pc.green(`All ${rows.length} figures within budget. Wrote ${OUT}.`));
}
