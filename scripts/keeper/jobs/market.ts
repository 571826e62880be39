// The market jobs: TWAP observations ahead of the rollover (`poke`) and the price feed the
// emission weights read (`prices`).
import { fmtFeedPrice } from "../../lib/format.js";
import {
  pokeOracle,
  postPrices,
  renderPoke,
  type PokeOutcome,
  type PricePost,
} from "../steps/market.js";
import type { Job } from "./job.js";

export const pokeJob: Job<Record<string, never>, PokeOutcome> = {
  name: "poke",
  run: (ctx) => pokeOracle(ctx),
  render: renderPoke,
};

export const pricesJob: Job<Record<string, never>, { posts: PricePost[] }> = {
  name: "prices",
  run: async (ctx) => ({ posts: await postPrices(ctx) }),
  render: ({ posts }) =>
    [
      `Posted ${posts.length} price(s).`,
      ...posts.map((p) => `  1 ${p.symbol} = ${fmtFeedPrice(p.value, p.decimals)}`),
    ].join("\n"),
};
