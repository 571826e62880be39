// The demo's per-cycle report, for the console and as Markdown. Each section renders from a
// cycle record or returns nothing: sections of parts that are not deployed stay off, and a new
// part's section is one more entry in SECTIONS.
import Table from "cli-table3";
import pc from "picocolors";
import {
  RATE_ONE,
  fmtAmount,
  fmtBps,
  fmtCoverage,
  fmtPct,
  fmtRate,
  fmtSingularity,
  fmtUsd,
} from "../lib/format.js";
import type { ReactorStatus } from "../keeper/steps/status-types.js";
import type { CycleRecord } from "./simulation.js";

/** A rendered table: header and rows of plain strings (coloured only on the console). */
export interface Grid {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface SectionBody {
  readonly lines?: readonly string[];
  readonly grid?: Grid;
}

export interface ReportSection {
  readonly title: string;
  render(record: CycleRecord): SectionBody | undefined;
}

/** Value of a Reactor's tAssets in assets (supply times rate, rounded down). */
export const reactorAssets = (r: ReactorStatus) => (r.totalSupply * r.rate) / RATE_ONE;

/** Total value locked in Reactors, USD (Reactors without a price count zero). */
export function tvlUsd(record: CycleRecord): number {
  return record.status.reactors.reduce(
    (sum, r) => sum + (r.priceUsd ?? 0) * (Number(reactorAssets(r)) / 10 ** r.decimals),
    0,
  );
}

/** An APR per side averaged over Reactors, weighted by their value; null when none has one. */
export function weightedApr(record: CycleRecord, side: "lpApr" | "ldApr"): number | null {
  let weight = 0;
  let sum = 0;
  for (const r of record.status.reactors) {
    const apr = r.lastCycle?.[side];
    if (apr === null || apr === undefined) continue;
    const w = (r.priceUsd ?? 0) * (Number(reactorAssets(r)) / 10 ** r.decimals);
    weight += w;
    sum += apr * w;
  }
  return weight === 0 ? null : sum / weight;
}

const byToke = (book: Record<string, bigint>) =>
  Object.entries(book)
    .map(([symbol, amount]) => `${fmtAmount(amount, 18)} on ${symbol}`)
    .join(", ") || "none";

const byReactor = (book: Record<string, bigint>, record: CycleRecord) =>
  Object.entries(book)
    .map(([symbol, amount]) => {
      const decimals = record.status.reactors.find((r) => r.symbol === symbol)?.decimals ?? 18;
      return `${fmtAmount(amount, decimals)} ${symbol}`;
    })
    .join(", ") || "none";

const bpsPct = (bps: number) => `${(bps / 100).toFixed(1)}%`;

export const SECTIONS: ReportSection[] = [
  {
    title: "Users",
    render: (record) => {
      const { flows } = record;
      const lines = [
        `LP deposits (${flows.depositCount}): ${byReactor(flows.deposits, record)}`,
        `Redemption requests (${flows.requestCount}, tAssets): ${byReactor(flows.requests, record)}`,
        `Redemptions paid (${flows.redemptionCount}): ${byReactor(flows.redemptions, record)}`,
        `Swaps: ${flows.swaps} on the venues (${Object.entries(flows.swapsByVenue)
          .map(([v, n]) => `${v} ${n}`)
          .join(", ")}), ${fmtUsd(flows.swapVolumeUsd)} volume`,
      ];
      if (Object.keys(flows.stakes).length > 0 || flows.votes > 0 || flows.claims > 0) {
        lines.push(
          `LD stakes (TOKE): ${byToke(flows.stakes)}; unstake requests: ${byToke(flows.unstakeRequests)}; votes cast: ${flows.votes}`,
          `Reward claims: ${flows.claims}, ${fmtAmount(flows.claimedToke, 18)} TOKE`,
        );
      }
      lines.push(...flows.events.map((e) => `Event: ${e}`));
      return { lines };
    },
  },
  {
    title: "Reactors after the rollover",
    render: (record) => ({
      grid: {
        head: [
          "Reactor",
          "tAsset supply",
          "rate",
          "idle",
          "deployed",
          "pending redeem",
          "matured",
          "value",
          "LD stake",
          "asset:TOKE",
          "APR LP / LD",
        ],
        rows: record.status.reactors.map((r) => {
          const amt = (x: bigint) => fmtAmount(x, r.decimals);
          const value =
            r.priceUsd === null ? null : r.priceUsd * (Number(reactorAssets(r)) / 10 ** r.decimals);
          return [
            r.symbol,
            amt(r.totalSupply),
            fmtRate(r.rate),
            amt(r.idle),
            amt(r.deployed),
            amt(r.pendingRedeemShares),
            amt(r.reservedAssets),
            fmtUsd(value),
            r.ldStake === null ? "–" : fmtAmount(r.ldStake, 18),
            r.assetToTokeRatio === null ? "–" : r.assetToTokeRatio.toFixed(2),
            `${fmtPct(r.lastCycle?.lpApr)} / ${fmtPct(r.lastCycle?.ldApr)}`,
          ];
        }),
      },
    }),
  },
  {
    // Venues part: where each token Reactor's liquidity sits, beside its LDs' votes.
    title: "Allocations vs votes",
    render: (record) => {
      const rows = record.status.reactors.filter((r) => (r.votes?.length ?? 0) > 0);
      if (rows.length === 0) return undefined;
      return {
        grid: {
          head: ["Reactor", "venue", "LD votes", "deployed (principal)", "share of deployed"],
          rows: rows.flatMap((r) => {
            const total = (r.venues ?? []).reduce((s, v) => s + v.amount, 0n);
            return (r.votes ?? []).map((vote) => {
              const deployed = r.venues?.find((v) => v.venue === vote.venue)?.amount ?? 0n;
              return [
                r.symbol,
                vote.venue,
                bpsPct(vote.bps),
                fmtAmount(deployed, r.decimals),
                total === 0n ? "–" : bpsPct(Number((deployed * 10_000n) / total)),
              ];
            });
          }),
        },
      };
    },
  },
  {
    // Booked per Reactor side, split into paid (someone to pay) and carried forward (nobody on
    // that side: the next cycle's budget gets it back), against the cycle's budget.
    title: "Emissions",
    render: (record) => {
      const rows = record.status.reactors.filter((r) => r.lastCycle !== null);
      const any = rows.some(
        (r) => (r.lastCycle?.lpEmissions ?? 0n) > 0n || r.lastCycle?.ldEmissions != null,
      );
      if (!any) return undefined;
      const toke = (x: bigint | null | undefined) => (x == null ? "–" : fmtAmount(x, 18));
      const round = record.status.emissions;
      const lines =
        round === null
          ? []
          : [
              `Budget of cycle ${round.cycle}: ${toke(round.budget)} TOKE (${toke(round.drawn)} drawn from the reserve + ${toke(round.carriedIn)} carried in); paid ${toke(round.paid)}, carried forward ${toke(round.carried)}, not booked (no Reactor side had weight; carried forward too) ${toke(round.budget - round.paid - round.carried)}`,
            ];
      const why = rows
        .flatMap((r) => [
          r.lastCycle?.lpAprWhy === undefined
            ? []
            : [`${r.symbol} LP APR 0: ${r.lastCycle.lpAprWhy}`],
          r.lastCycle?.ldAprWhy === undefined
            ? []
            : [`${r.symbol} LD APR 0: ${r.lastCycle.ldAprWhy}`],
        ])
        .flat();
      return {
        lines: [...lines, ...why],
        grid: {
          head: [
            "Reactor",
            "LP paid (TOKE)",
            "LP carried",
            "LD paid (TOKE)",
            "LD carried",
            "APR LP",
            "APR LD",
          ],
          rows: rows.map((r) => {
            const c = r.lastCycle!;
            const lpCarried = c.lpCarried ?? 0n;
            const ldCarried = c.ldCarried ?? 0n;
            return [
              r.symbol,
              toke(c.lpEmissions - lpCarried),
              toke(lpCarried),
              c.ldEmissions == null ? "–" : toke(c.ldEmissions - ldCarried),
              c.ldEmissions == null ? "–" : toke(ldCarried),
              fmtPct(c.lpApr),
              fmtPct(c.ldApr),
            ];
          }),
        },
      };
    },
  },
  {
    title: "Fees",
    render: (record) => {
      const rows = record.status.reactors.filter((r) => r.lastCycle?.fees != null);
      if (rows.length === 0) return undefined;
      return {
        grid: {
          head: ["Reactor", "trading fees realised to the Treasury", "value"],
          rows: rows.map((r) => {
            const fees = r.lastCycle?.fees ?? 0n;
            const usd = r.priceUsd === null ? null : r.priceUsd * (Number(fees) / 10 ** r.decimals);
            return [r.symbol, fmtAmount(fees, r.decimals, 4), fmtUsd(usd)];
          }),
        },
      };
    },
  },
  {
    title: "Losses and their cover",
    render: (record) => {
      const rows = record.status.reactors.filter((r) => r.losses !== null);
      if (rows.length === 0) return undefined;
      const hit = rows.filter(
        (r) => r.losses!.coveredByTreasury + r.losses!.coveredBySlash + r.losses!.writtenDown > 0n,
      );
      if (hit.length === 0) return { lines: ["No venue position came back short this rollover."] };
      return {
        grid: {
          head: [
            "Reactor",
            "covered by the Treasury",
            "covered by LD slash (TOKE slashed)",
            "written down",
            "rate after",
          ],
          rows: hit.map((r) => {
            const l = r.losses!;
            const amt = (x: bigint) => fmtAmount(x, r.decimals, 4);
            return [
              r.symbol,
              amt(l.coveredByTreasury),
              `${amt(l.coveredBySlash)} (${fmtAmount(l.slashedToke, 18)})`,
              amt(l.writtenDown),
              fmtRate(r.rate),
            ];
          }),
        },
      };
    },
  },
  {
    title: "Rollover",
    render: ({ rollover }) => {
      const gas = rollover.reduce((s, t) => s + t.gasUsed, 0n);
      return {
        lines: [
          `${rollover.length} keeper transactions, ${gas.toLocaleString("en-US")} gas: ${rollover
            .map((t) => `${t.label} (${t.gasUsed.toLocaleString("en-US")})`)
            .join("; ")}`,
        ],
      };
    },
  },
  {
    title: "Coverage and singularity",
    render: ({ status }) => {
      const s = status.singularity;
      if (s === null) return undefined;
      const rows = status.reactors.filter((r) => r.coverage !== null);
      return {
        lines: [fmtSingularity(s)],
        grid: {
          head: ["Reactor", "Treasury tAssets (active)", "active supply", "coverage (streak/K)"],
          rows: rows.map((r) => [
            r.symbol,
            fmtAmount(r.coverage!.treasuryShares, r.decimals),
            fmtAmount(r.activeSupply, r.decimals),
            fmtCoverage(r.coverage, s.cycles) ?? "–",
          ]),
        },
      };
    },
  },
  {
    title: "Treasury",
    render: ({ status }) => {
      const held = status.treasury.holdings.filter((h) => h.amount > 0n || h.sources.length > 0);
      return {
        lines: [
          `Holdings: ${
            held.map((h) => `${fmtAmount(h.amount, h.decimals, 4)} ${h.symbol}`).join(", ") ||
            "none"
          }; value ${fmtUsd(status.treasury.totalUsd)}`,
          ...held.map(
            (h) =>
              `${h.symbol} by source: ${
                h.sources
                  .map((s) => `${s.source} ${fmtAmount(s.amount, h.decimals, 4)}`)
                  .join(", ") || "no recorded inflow"
              }`,
          ),
        ],
      };
    },
  },
];

/** The first cycle, per Reactor, whose rollover found it covered K cycles in a row. */
export function singularityReached(
  records: readonly CycleRecord[],
): { readonly symbol: string; readonly cycle: bigint }[] {
  const first = new Map<string, bigint>();
  for (const record of records) {
    for (const symbol of record.status.singularity?.reactorsReached ?? []) {
      if (!first.has(symbol)) first.set(symbol, record.cycle);
    }
  }
  return [...first].map(([symbol, cycle]) => ({ symbol, cycle }));
}

/** "singularity reached at cycle N on X" lines, or why not. */
export function singularityLines(records: readonly CycleRecord[]): string[] {
  const last = records.at(-1)?.status.singularity;
  if (last === null || last === undefined) return ["coverage not deployed on this system"];
  const reached = singularityReached(records);
  return [
    ...reached.map(
      (r) =>
        `${r.symbol}: singularity reached at cycle ${r.cycle} (the Treasury held all its active tAssets for ${last.cycles} cycles in a row, K = ${last.cycles})`,
    ),
    ...(reached.length === 0 ? [`no Reactor covered ${last.cycles} cycles in a row yet`] : []),
    `every Reactor (the protocol-wide singularity() view): ${last.reached ? "reached" : "not reached"}; overall coverage ${fmtBps(last.overallBps)}`,
  ];
}

/** What the report cannot show yet, from the status' list of parts not deployed. */
export function missingParts(records: readonly CycleRecord[]): readonly string[] {
  return records.at(-1)?.status.missing ?? [];
}

export function consoleTable(grid: Grid): string {
  const table = new Table({
    head: grid.head.map((h) => pc.cyan(h)),
    style: { head: [], border: [], compact: true },
  });
  for (const row of grid.rows) table.push([...row]);
  return table.toString();
}

export function markdownTable(grid: Grid): string {
  const esc = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", "<br>");
  return [
    `| ${grid.head.map(esc).join(" | ")} |`,
    `| ${grid.head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...grid.rows.map((row) => `| ${row.map(esc).join(" | ")} |`),
  ].join("\n");
}

const cycleTitle = (record: CycleRecord) => {
  const start = new Date(Number(record.cycleStart) * 1000);
  return `Cycle ${record.cycle} (from ${start.toISOString().slice(0, 10)}; report at block ${record.status.clock.blockNumber})`;
};

export function renderCycleConsole(record: CycleRecord): string {
  const parts = [pc.bold(pc.magenta(`\n── ${cycleTitle(record)} `.padEnd(100, "─")))];
  for (const section of SECTIONS) {
    const body = section.render(record);
    if (body === undefined) continue;
    parts.push(pc.bold(section.title));
    if (body.lines !== undefined) parts.push(...body.lines.map((l) => `  ${l}`));
    if (body.grid !== undefined) parts.push(consoleTable(body.grid));
  }
  return parts.join("\n");
}

/** The summary across cycles: one row per cycle. */
export function summaryGrid(records: readonly CycleRecord[]): Grid {
  return {
    head: [
      "cycle",
      "TVL",
      "Treasury",
      "APR LP",
      "APR LD",
      "swaps",
      "rollover gas",
      "coverage",
      "covered K cycles",
    ],
    rows: records.map((r) => [
      String(r.cycle),
      fmtUsd(tvlUsd(r)),
      fmtUsd(r.status.treasury.totalUsd),
      fmtPct(weightedApr(r, "lpApr")),
      fmtPct(weightedApr(r, "ldApr")),
      String(r.flows.swaps),
      r.rollover.reduce((s, t) => s + t.gasUsed, 0n).toLocaleString("en-US"),
      r.status.singularity === null ? "–" : fmtBps(r.status.singularity.overallBps),
      r.status.singularity?.reactorsReached.join(", ") || "–",
    ]),
  };
}

export function renderSummaryConsole(records: readonly CycleRecord[]): string {
  return [
    pc.bold("\nSummary"),
    consoleTable(summaryGrid(records)),
    ...singularityLines(records).map((l) => `Singularity: ${l}`),
  ].join("\n");
}

export interface MarkdownMeta {
  readonly network: string;
  readonly seed: number;
  readonly seconds: number;
  readonly chart: string;
}

export function renderMarkdown(records: readonly CycleRecord[], meta: MarkdownMeta): string {
  const out = [
    "# Reactor protocol: demo report",
    "",
    `Generated by \`npm start\` (scripts/demo.ts) on Hardhat's in-process chain (${meta.network}), seed ${meta.seed}, ${records.length} cycles, in ${meta.seconds.toFixed(0)} s.`,
    "Every figure below was read from the chain right after the cycle's rollover, at the block shown (test/e2e/demo-report.ts checks them against the chain).",
    "",
    "## Summary",
    "",
    markdownTable(summaryGrid(records)),
    "",
    ...singularityLines(records).map((l) => `- Singularity: ${l}`),
    "",
    `![Treasury value, TVL and APRs over the cycles](${meta.chart})`,
    "",
  ];
  const missing = missingParts(records);
  if (missing.length > 0) {
    out.push(`Sections that switch on when their part is deployed: ${missing.join("; ")}.`, "");
  }
  for (const record of records) {
    out.push(`## ${cycleTitle(record)}`, "");
    for (const section of SECTIONS) {
      const body = section.render(record);
      if (body === undefined) continue;
      out.push(`### ${section.title}`, "");
      if (body.lines !== undefined) out.push(...body.lines.map((l) => `- ${l}`), "");
      if (body.grid !== undefined) out.push(markdownTable(body.grid), "");
    }
  }
  return out.join("\n");
}
