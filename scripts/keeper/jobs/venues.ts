// `keeper venues`: each token Reactor's venues: allowed, adapter, pool, deployed principal, votes.
import Table from "cli-table3";
import pc from "picocolors";
import { fmtAmount } from "../../lib/format.js";
import { venueStates, type VenueState } from "../steps/pairs.js";
import type { Job } from "./job.js";

export const venuesJob: Job<Record<string, never>, { venues: VenueState[] }> = {
  name: "venues",
  run: async (ctx) => ({ venues: await venueStates(ctx) }),
  render: ({ venues }) => {
    const table = new Table({
      head: [
        "Reactor/base",
        "venue",
        "allowed",
        "adapter",
        "pool",
        "deployed (token + base)",
        "LD votes",
      ].map((h) => pc.cyan(h)),
      style: { head: [], border: [], compact: true },
    });
    for (const v of venues) {
      table.push([
        v.reactor,
        v.venue,
        v.allowed ? "yes" : pc.yellow("no"),
        v.adapter ?? pc.yellow("none"),
        v.hasPool ? "yes" : pc.yellow("none"),
        `${fmtAmount(v.deployedToken, v.tokenDecimals, 4)} + ${fmtAmount(v.deployedBase, v.baseDecimals, 4)}`,
        `${(v.voteBps / 100).toFixed(1)}%`,
      ]);
    }
    return [pc.bold("Venues of the paired Reactors"), table.toString()].join("\n");
  },
};
