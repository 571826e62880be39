import type { Command } from "commander";
import { pricersJob, type PricersOptions } from "../../jobs/pricers.js";
import type { KeeperCommand } from "../command.js";

export const pricersCommand: KeeperCommand = {
  register(program, run) {
    program
      .command("pricers")
      .description("pricer markets: reference and band, inventory, capital, P&L, pricers, quotes")
      .option("--registry <address>", "the PricerRegistry (default: $PRICER_REGISTRY)")
      .option(
        "--quotes <file>",
        "the reference bot's quote book, to show what is left of each quote",
      )
      .action(async (opts: PricersOptions, command: Command) => run(pricersJob, command, opts));
  },
};
