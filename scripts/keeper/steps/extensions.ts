// The parts that take part in the rollover, in one list: the directors part posts prices before
// it starts; the venues part plans the moves and warns about pairs without a TWAP. A new part
// adds one entry here.
import { priceSteps, twapWarnings } from "./market.js";
import { venueMoves } from "./moves.js";
import type { RolloverExtension } from "./types.js";

const isSet = (address: string) => BigInt(address) !== 0n;

export const ROLLOVER_EXTENSIONS: readonly RolloverExtension[] = [
  { id: "prices", before: priceSteps },
  {
    id: "venues",
    moves: venueMoves,
    warnings: async (ctx) => (isSet(await ctx.system.manager.allocator()) ? twapWarnings(ctx) : []),
  },
];
