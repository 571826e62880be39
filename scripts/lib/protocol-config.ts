// Deployment constants shared by the Ignition modules (deploy/modules), deploySystem and the
// keeper. No Hardhat import here, so Ignition can load it on its own.
import { encodeBytes32String, id, parseUnits } from "ethers";

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

/** Venue ids as the allocator and the venue registry know them (bytes32 labels). */
export const VENUE_IDS = {
  uniswap: encodeBytes32String("UNISWAP_V2"),
  sushiswap: encodeBytes32String("SUSHISWAP"),
  balancer: encodeBytes32String("BALANCER_V2"),
} as const;
export type VenueName = keyof typeof VENUE_IDS;
export const ALL_VENUES = Object.keys(VENUE_IDS) as VenueName[];

/** The venue whose label is `id` (bytes32), for display. */
export function venueName(id: string): string {
  const entry = Object.entries(VENUE_IDS).find(([, v]) => v.toLowerCase() === id.toLowerCase());
  return entry === undefined ? id : entry[0];
}

/** A token Reactor's pairing: its base Reactor and the share (bps) of the base it may use. */
export interface Pairing {
  readonly base: "WETH" | "USDC";
  readonly shareBps: number;
}

/** Basis points in a whole. */
export const BPS = 10_000;

/** Price feed defaults (directors' tests): 8-day staleness, 20% per keeper post, no interval. */
export const PRICE_FEED_DEFAULTS = {
  maxAgeSeconds: 8n * 24n * 3600n,
  maxDeviationBps: 2_000n,
  minPostIntervalSeconds: 900n,
} as const;

/** Emission defaults: 1,000 TOKE per cycle (directors' tests), 25% balance floor, a 10M TOKE reserve. */
export const EMISSION_DEFAULTS = {
  emissionPerCycleWei: parseUnits("1000", 18),
  floorBps: 2_500n,
  reserveWei: parseUnits("10000000", 18),
} as const;

/** TWAP oracle defaults (venues' tests): 30-minute to 2-day windows, 1-day fallback feeds. */
export const ORACLE_DEFAULTS = {
  minWindowSeconds: 30n * 60n,
  maxWindowSeconds: 2n * 24n * 3600n,
  maxFeedAgeSeconds: 24n * 3600n,
} as const;

/** Allocator defaults: 1% slippage allowance, moves of at least 1% of the deployable amount. */
export const ALLOCATOR_DEFAULTS = {
  maxSlippageBps: 100n,
  minMoveBps: 100n,
  // Kept idle in every Reactor so that normal price moves and venue rounding never leave
  // matured exits uncovered (issue 11; at most 25%).
  recallBufferBps: 500n,
} as const;
