// Every gas scenario, by part. A part that lands adds its scenario here (directors: stake,
// unstake, votes, delegation, claims; venues: rollover chunks with venue moves; launch:
// DeGenesis commit and claim).
import { rolloverCost, userOperations } from "./core.js";
import type { GasScenario } from "./measure.js";

export const SCENARIOS: readonly GasScenario[] = [userOperations, rolloverCost];
