// What `status` reports about each Reactor and the Treasury, and the facet a protocol part fills
// its fields through.
import type { Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";
import type { PriceBook } from "../../lib/prices.js";

/** Seconds in a (365-day) year, for APRs. */
export const YEAR_SECONDS = 365n * 24n * 3600n;
export { RATE_ONE } from "../../lib/format.js";

export interface LastCycle {
  /** The cycle the last rollover closed. */
  readonly cycle: bigint;
  /** TOKE booked to the Reactor's LPs for that cycle (wei). */
  readonly lpEmissions: bigint;
  /** TOKE to its LDs (directors part), wei. */
  readonly ldEmissions: bigint | null;
  /** Trading fees its venue positions earned for the Treasury (venues part), asset units. */
  readonly fees: bigint | null;
  /** Annualised: emissions value over the side's value, per cycle, times cycles per year. */
  readonly lpApr: number | null;
  readonly ldApr: number | null;
  /**
   * Of the booked emissions, what was carried forward because the side had nobody to pay (no
   * active LPs, no LD stake): TOKE wei (directors part). Paid = booked - carried.
   */
  readonly lpCarried?: bigint;
  readonly ldCarried?: bigint;
  /** Why an APR is 0 or absent, in words (undefined when it is positive). */
  readonly lpAprWhy?: string;
  readonly ldAprWhy?: string;
}

/** One cycle's emission round: the budget and what became of it (directors part). */
export interface EmissionRound {
  readonly cycle: bigint;
  /** Drawn from the reserve for the cycle, and carried in from earlier cycles: TOKE wei. */
  readonly drawn: bigint;
  readonly carriedIn: bigint;
  readonly budget: bigint;
  /** Booked to a side that had someone to pay, and carried forward to the next cycle. */
  readonly paid: bigint;
  readonly carried: bigint;
}

/** Where a Treasury holding came from, by the source label its inflows carry. */
export interface TreasurySource {
  /** e.g. VENUE_FEES, VENUE_SURPLUS, LD_SLASH, REACTOR_SURPLUS; "paid out" and "loss cover" are outflows. */
  readonly source: string;
  /** Positive in, negative out; asset units. */
  readonly amount: bigint;
}

export interface ReactorStatus {
  readonly symbol: string;
  readonly address: string;
  readonly asset: string;
  readonly decimals: number;
  readonly paused: boolean;
  /** Assets per tAsset, 1e18 = 1:1. */
  readonly rate: bigint;
  readonly totalSupply: bigint;
  readonly activeSupply: bigint;
  readonly idle: bigint;
  readonly deployed: bigint;
  /** Assets owed to matured redemptions, and the part of it idle assets do not cover yet. */
  readonly reservedAssets: bigint;
  readonly uncoveredAssets: bigint;
  /** tAssets requested and not matured yet. */
  readonly pendingRedeemShares: bigint;
  readonly priceUsd: number | null;
  /** Deployed assets per venue (venues part). */
  venues: { readonly venue: string; readonly amount: bigint }[] | null;
  /** TOKE staked on this Reactor by LDs (directors part), wei. */
  ldStake: bigint | null;
  /** Each allowed venue's share of the LD votes active this cycle, bps (directors part). */
  votes: { readonly venue: string; readonly bps: number }[] | null;
  /** Value of the asset side over the value of the TOKE side (1 = balanced). */
  assetToTokeRatio: number | null;
  lastCycle: LastCycle | null;
  /** The last rollover's losses on venue positions and how they were covered (venues part). */
  losses: Losses | null;
  /** The Treasury's coverage of the asset side (coverage part); null for the TOKE Reactor. */
  coverage: ReactorCoverage | null;
}

/**
 * The Treasury's share of a Reactor's active tAssets, as the emission controller recorded it in
 * the last rollover (for the cycle it closed), and the run of fully covered cycles up to it.
 */
export interface ReactorCoverage {
  /** The cycle the coverage was measured in. */
  readonly cycle: bigint;
  /** Basis points, 10,000 = the Treasury holds every active tAsset. */
  readonly bps: number;
  /** Consecutive fully covered cycles up to `cycle`. */
  readonly streak: number;
  /** The Treasury's active tAssets now. */
  readonly treasuryShares: bigint;
}

/** The singularity (issue 14): every Reactor covered for K cycles in a row (coverage part). */
export interface Singularity {
  /** K: consecutive fully covered cycles that make it. */
  readonly cycles: number;
  /** The Treasury's share of all Reactors' active assets by value, basis points. */
  readonly overallBps: number;
  /** The emission controller's `singularity()`: every Reactor covered K cycles. */
  readonly reached: boolean;
  /** Reactors covered K cycles in a row (each reached it on its own). */
  readonly reactorsReached: readonly string[];
}

/** Decision 3's waterfall, for one Reactor in one rollover. */
export interface Losses {
  /** Asset units the Treasury paid in. */
  readonly coveredByTreasury: bigint;
  /** Asset units covered by slashing LD stake, and the TOKE slashed for it. */
  readonly coveredBySlash: bigint;
  readonly slashedToke: bigint;
  /** Asset units written down (lowered the rate for every holder). */
  readonly writtenDown: bigint;
}

export interface TreasuryHolding {
  readonly symbol: string;
  readonly asset: string;
  readonly decimals: number;
  readonly amount: bigint;
  readonly usd: number | null;
  /** Inflows by source and outflows, within the log lookback; they sum to `amount`. */
  readonly sources: readonly TreasurySource[];
}

export interface StatusReport {
  readonly network: string;
  readonly chainId: number;
  readonly clock: Clock;
  readonly secondsToRollover: bigint;
  readonly due: boolean;
  readonly reactors: ReactorStatus[];
  readonly treasury: { readonly holdings: TreasuryHolding[]; readonly totalUsd: number | null };
  /** Parts whose figures are absent because they are not deployed here. */
  readonly missing: string[];
  /** The last rollover's emission round (directors part); null before one or without the part. */
  emissions: EmissionRound | null;
  /** Coverage and the singularity (coverage part); null without the part. */
  singularity: Singularity | null;
}

/** A part's contribution to each Reactor's row. */
export interface ReactorFacet {
  /** The part and what it adds, e.g. "directors: LD stake, LD emissions and APR". */
  readonly provides: string;
  /** Whether the part is deployed on this system. */
  present(ctx: KeeperContext): boolean;
  apply(
    ctx: KeeperContext,
    rows: ReactorStatus[],
    prices: PriceBook,
    clock: Clock,
    report: Pick<StatusReport, "emissions" | "singularity">,
  ): Promise<void>;
}
