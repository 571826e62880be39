// Every keeper command, in help order: a new command is one file in commands/ and one line here.
import type { KeeperCommand } from "./command.js";
import { pokeCommand, pricesCommand } from "./commands/market.js";
import { pairsCommand, venuesCommand } from "./commands/pairs.js";
import { pricersCommand } from "./commands/pricers.js";
import { rolloverCommand } from "./commands/rollover.js";
import { statusCommand } from "./commands/status.js";
import { watchCommand } from "./commands/watch.js";

export const COMMANDS: readonly KeeperCommand[] = [
  rolloverCommand,
  watchCommand,
  statusCommand,
  pokeCommand,
  pricesCommand,
  pairsCommand,
  venuesCommand,
  pricersCommand,
];
