import { pokeJob, pricesJob } from "../../jobs/market.js";
import { jobCommand } from "../command.js";

export const pokeCommand = jobCommand(
  "poke",
  "record TWAP observations ahead of the rollover (between the oracle's windows)",
  pokeJob,
);

export const pricesCommand = jobCommand(
  "prices",
  "post asset-to-TOKE prices from the TWAPs to the price feed (KEEPER_ROLE)",
  pricesJob,
);
