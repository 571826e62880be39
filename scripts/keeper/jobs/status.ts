// The `status` job: the collection (steps/status.ts) and its rendering for people: the clock,
// one table of Reactors, the Treasury.
import Table from "cli-table3";
import pc from "picocolors";
import {
  DASH,
  fmtAmount,
  fmtCoverage,
  fmtDuration,
  fmtPct,
  fmtRate,
  fmtSingularity,
  fmtUsd,
} from "../../lib/format.js";
import { collectStatus } from "../steps/status.js";
import type { StatusReport } from "../steps/status-types.js";
import type { Job } from "./job.js";

const table = (head: string[]) =>
  new Table({ head: head.map((h) => pc.cyan(h)), style: { head: [], border: [], compact: true } });

export function renderStatus(report: StatusReport): string {
  const { clock } = report;
  const when = new Date(Number(clock.cycleEnd) * 1000).toISOString();
  const rollover = clock.inProgress
    ? pc.yellow(`in progress: ${clock.cursor} of ${clock.reactors.length} Reactors settled`)
    : report.due
      ? pc.yellow(`due (overdue by ${fmtDuration(-report.secondsToRollover)})`)
      : `in ${fmtDuration(report.secondsToRollover)} (${when})`;
  const lines = [
    pc.bold(
      `Reactor protocol on ${report.network} (chain ${report.chainId}, block ${clock.blockNumber})`,
    ),
    `Cycle ${clock.cycle}: started ${new Date(Number(clock.cycleStart) * 1000).toISOString()}, lasts ${fmtDuration(clock.duration)}; next rollover ${rollover}`,
  ];

  const reactors = table([
    "Reactor",
    "idle",
    "deployed",
    "tAsset supply",
    "rate",
    "pending redeem",
    "matured owed (short)",
    "LD stake",
    "asset:TOKE",
    "last cycle LP / LD emissions",
    "fees",
    "APR LP / LD",
    "coverage (streak/K)",
  ]);
  const k = report.singularity?.cycles ?? 0;
  for (const r of report.reactors) {
    const amt = (x: bigint) => fmtAmount(x, r.decimals);
    const deployed =
      r.venues === null
        ? amt(r.deployed)
        : r.venues.map((v) => `${v.venue} ${amt(v.amount)}`).join("\n") || amt(0n);
    const last = r.lastCycle;
    reactors.push([
      `${r.symbol}${r.paused ? pc.red(" (paused)") : ""}`,
      amt(r.idle),
      deployed,
      amt(r.totalSupply),
      fmtRate(r.rate),
      amt(r.pendingRedeemShares),
      `${amt(r.reservedAssets)} (${amt(r.uncoveredAssets)})`,
      r.ldStake === null ? DASH : fmtAmount(r.ldStake, 18),
      r.assetToTokeRatio === null ? DASH : r.assetToTokeRatio.toFixed(2),
      last === null
        ? DASH
        : `${fmtAmount(last.lpEmissions, 18)} / ${last.ldEmissions === null ? DASH : fmtAmount(last.ldEmissions, 18)}`,
      last?.fees === null || last === null ? DASH : amt(last.fees),
      last === null ? DASH : `${fmtPct(last.lpApr)} / ${fmtPct(last.ldApr)}`,
      fmtCoverage(r.coverage, k) ?? DASH,
    ]);
  }
  lines.push(pc.bold("Reactors"), reactors.toString());
  if (report.singularity !== null) lines.push(`Coverage: ${fmtSingularity(report.singularity)}`);

  const treasury = table(["asset", "held", "value"]);
  for (const h of report.treasury.holdings)
    treasury.push([h.symbol, fmtAmount(h.amount, h.decimals, 4), fmtUsd(h.usd)]);
  treasury.push([pc.bold("total"), "", pc.bold(fmtUsd(report.treasury.totalUsd))]);
  lines.push(pc.bold("Treasury"), treasury.toString());
  if (report.missing.length > 0) {
    lines.push(pc.dim(`Not deployed here yet (${DASH} above): ${report.missing.join("; ")}.`));
  }
  return lines.join("\n");
}

export const statusJob: Job<Record<string, never>, StatusReport> = {
  name: "status",
  run: (ctx) => collectStatus(ctx),
  render: renderStatus,
};
