import type { Command } from "commander";
import { pairsJob, trackJob } from "../../jobs/pairs.js";
import { venuesJob } from "../../jobs/venues.js";
import { jobCommand, type KeeperCommand } from "../command.js";

export const pairsCommand: KeeperCommand = {
  register(program, run) {
    const pairs = program
      .command("pairs")
      .description("the pairs the protocol prices (TWAP oracle): list (default) or track");
    pairs
      .command("list", { isDefault: true })
      .description("each priced pair: its Uniswap V2 pair, reserves, tracked, TWAP usable")
      .action(async (_opts: object, command: Command) => run(pairsJob, command, {}));
    pairs
      .command("track")
      .description("track every priced pair that has a funded Uniswap V2 pair (anyone may)")
      .action(async (_opts: object, command: Command) => run(trackJob, command, {}));
  },
};

export const venuesCommand = jobCommand(
  "venues",
  "each paired Reactor's venues: allowed, adapter, pool, deployed, LD votes",
  venuesJob,
);
