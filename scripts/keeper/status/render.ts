// `status` for people: the clock, one table of Reactors, the Treasury.
import Table from "cli-table3";
import { formatUnits } from "ethers";
import pc from "picocolors";
import type { StatusReport } from "./collect.js";
import { RATE_ONE } from "./collect.js";

const DASH = pc.dim("–");

/** A token amount with thousands separators and at most `digits` decimals. */
export function fmtAmount(amount: bigint, decimals: number, digits = 2): string {
  return Number(formatUnits(amount, decimals)).toLocaleString("en-US", {
    maximumFractionDigits: digits,
  });
}
export const fmtUsd = (usd: number | null | undefined) =>
  usd === null || usd === undefined
    ? DASH
    : `$${usd.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
export const fmtPct = (x: number | null | undefined) =>
  x === null || x === undefined ? DASH : `${(x * 100).toFixed(2)}%`;
export const fmtRate = (rate: bigint) => (Number(rate) / Number(RATE_ONE)).toFixed(6);

/** "3d 4h 5m" for a number of seconds. */
export function fmtDuration(seconds: bigint): string {
  let s = seconds < 0n ? -seconds : seconds;
  const d = s / 86_400n;
  s %= 86_400n;
  const h = s / 3600n;
  const m = (s % 3600n) / 60n;
  const parts = [d > 0n ? `${d}d` : "", h > 0n ? `${h}h` : "", `${m}m`].filter((p) => p !== "");
  return parts.join(" ");
}

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
  ]);
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
    ]);
  }
  lines.push(pc.bold("Reactors"), reactors.toString());

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
