// `keeper pairs` (the pairs the protocol prices and their TWAP state) and `keeper pairs track`
// (tracks those that have a funded Uniswap V2 pair; TwapOracle.track is open to anyone).
import Table from "cli-table3";
import pc from "picocolors";
import { pairStates, trackPairs, type PairState, type TrackOutcome } from "../steps/pairs.js";
import type { Job } from "./job.js";

const yes = (b: boolean) => (b ? pc.green("yes") : pc.yellow("no"));

export const pairsJob: Job<Record<string, never>, { pairs: PairState[] }> = {
  name: "pairs",
  run: async (ctx) => ({ pairs: await pairStates(ctx) }),
  render: ({ pairs }) => {
    const table = new Table({
      head: ["pair", "Uniswap V2 pair", "funded", "tracked", "TWAP usable"].map((h) => pc.cyan(h)),
      style: { head: [], border: [], compact: true },
    });
    for (const p of pairs)
      table.push([
        p.label,
        p.pair ?? pc.yellow("none"),
        yes(p.funded),
        yes(p.tracked),
        yes(p.twapUsable),
      ]);
    const untracked = pairs.filter((p) => !p.tracked).length;
    return [
      pc.bold(`Pairs the protocol prices (TwapOracle): ${pairs.length}`),
      table.toString(),
      untracked > 0 ? pc.yellow(`${untracked} not tracked: run \`keeper pairs track\``) : "",
    ]
      .filter((l) => l !== "")
      .join("\n");
  },
};

export const trackJob: Job<Record<string, never>, TrackOutcome> = {
  name: "pairs track",
  run: (ctx) => trackPairs(ctx),
  render: (o) =>
    [
      `Tracked: ${o.tracked.join(", ") || "none"}; already tracked: ${o.already.join(", ") || "none"}.`,
      o.noPair.length > 0
        ? pc.yellow(
            `No funded Uniswap V2 pair (create and seed it, then run again): ${o.noPair.join(", ")}`,
          )
        : "",
    ]
      .filter((l) => l !== "")
      .join("\n"),
};
