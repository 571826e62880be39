// The gas budget kept in the repository (gas-budget.json): every measured figure has one, and
// the benchmark fails when a figure exceeds it, so a regression shows in review.
import { readFile } from "node:fs/promises";
import type { GasRow } from "./measure.js";

export interface BudgetEntry {
  /** Most gas the figure may use. */
  readonly max: number;
  /** Where the number comes from: an issue's target, or measured headroom. */
  readonly why: string;
}

export type Budget = Readonly<Record<string, BudgetEntry>>;

export const BUDGET_FILE = "gas-budget.json";

export async function readBudget(file = BUDGET_FILE): Promise<Budget> {
  const json = JSON.parse(await readFile(file, "utf8")) as { budgets: Budget };
  return json.budgets;
}

export type Verdict = "ok" | "over" | "no budget";

export function verdict(row: GasRow, budget: Budget): Verdict {
  const entry = budget[row.id];
  if (entry === undefined) return "no budget";
  return row.gasUsed <= BigInt(entry.max) ? "ok" : "over";
}
