// Deployment constants shared by the Ignition modules (deploy/modules), deploySystem and the
// keeper. No Hardhat import here, so Ignition can load it on its own.
import { id, parseUnits } from "ethers";

/** The role ids of contracts/governance/ProtocolRoles.sol (keccak256 of the role's name). */
export const ROLE = {
  governance: id("GOVERNANCE_ROLE"),
  guardian: id("GUARDIAN_ROLE"),
  keeper: id("KEEPER_ROLE"),
} as const;

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** Default cycle length, seconds (one week, as Tokemak's). */
export const CYCLE_SECONDS = 7n * 24n * 3600n;
/** Default delay of governance's timelock, seconds. */
export const TIMELOCK_MIN_DELAY_SECONDS = 2n * 24n * 3600n;
/** TOKE's fixed supply, wei (100 million TOKE, Tokemak's). */
export const TOKE_SUPPLY_WEI = parseUnits("100000000", 18);

/**
 * What each Reactor deploys for, by symbol. `core` assets exist on every network (WETH and USDC
 * are the base assets; TOKE's Reactor is the pooled LD option); `project` assets exist only on
 * the local chain, as test tokens standing for projects that won a CoRE election.
 */
export const CORE_ASSETS = ["WETH", "USDC", "TOKE"] as const;
export const LOCAL_PROJECT_ASSETS = ["ALCX", "FXS"] as const;
export type AssetSymbol = (typeof CORE_ASSETS)[number] | (typeof LOCAL_PROJECT_ASSETS)[number];

/** Local test tokens: name and decimals (USDC keeps its real 6 decimals). */
export const LOCAL_TOKENS = {
  USDC: { name: "USD Coin (test)", decimals: 6 },
  ALCX: { name: "Alchemix (test)", decimals: 18 },
  FXS: { name: "Frax Share (test)", decimals: 18 },
} as const;
