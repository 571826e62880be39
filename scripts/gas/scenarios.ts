// Every gas scenario, by part. A part that lands adds its scenario here.
import { rolloverCost, userOperations } from "./core.js";
import { directorsOperations } from "./directors.js";
import { launchOperations } from "./launch.js";
import type { GasScenario } from "./measure.js";
import { pricerFills } from "./pricers.js";
import { venueRollover } from "./venues.js";

export const SCENARIOS: readonly GasScenario[] = [
  userOperations,
  rolloverCost,
  directorsOperations,
  venueRollover,
  launchOperations,
  pricerFills,
];
