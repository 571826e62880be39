// What `status` reports, collected from the chain. Parts that add to a Reactor's picture (LD
// stake and votes: directors; per-venue positions and fees: venues) register a ReactorFacet;
// each fills its own fields, and the report lists the parts that are not deployed yet.
import type { KeeperContext } from "../context.js";
import { readClock, secondsToRollover, type Clock } from "../rollover/clock.js";
import { dexPrices, usdValue, type PriceBook } from "../../lib/prices.js";

/** Seconds in a (365-day) year, for APRs. */
export const YEAR_SECONDS = 365n * 24n * 3600n;
/** Fixed point of a Reactor's rate (assets per tAsset). */
export const RATE_ONE = 10n ** 18n;

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
}

/** A part's contribution to each Reactor's row. */
export interface ReactorFacet {
  /** The part and what it adds, e.g. "directors: LD stake, LD emissions and APR". */
  readonly provides: string;
  /** Whether the part is deployed on this system. */
  present(ctx: KeeperContext): boolean;
  apply(ctx: KeeperContext, rows: ReactorStatus[], prices: PriceBook, clock: Clock): Promise<void>;
}

/** Registered facets (directors and venues add theirs). */
export const REACTOR_FACETS: ReactorFacet[] = [];

/** Parts not yet wired into status, with what they will add (none left: see parts.ts). */
const UNWIRED_PARTS: string[] = [];

async function lastSettlement(ctx: KeeperContext, symbol: string, clock: Clock) {
  const reactor = ctx.system.reactors[symbol];
  const booksCycle = await reactor.cycle();
  if (booksCycle === 0n) return undefined;
  const closed = Number(booksCycle - 1n);
  const fromBlock = Math.max(0, clock.blockNumber - ctx.config.logLookbackBlocks);
  const events = await reactor.queryFilter(
    reactor.filters.CycleSettled(closed),
    fromBlock,
    clock.blockNumber,
  );
  const last = events.at(-1);
  return last === undefined ? undefined : { cycle: BigInt(closed), lpReward: last.args.lpReward };
}

/** Reads everything `status` shows. */
export async function collectStatus(ctx: KeeperContext): Promise<StatusReport> {
  const { system } = ctx;
  const clock = await readClock(ctx);
  const at = { blockTag: clock.blockNumber };
  const prices = await ctx.rpc("prices", () => dexPrices(system.dex, system.assets));
  const tokePrice = prices.get(system.addresses.toke.toLowerCase()) ?? null;

  const rows: ReactorStatus[] = [];
  for (const [symbol, reactor] of Object.entries(system.reactors)) {
    const row = await ctx.rpc(`read Reactor ${symbol}`, async () => {
      const [
        address,
        assetAddress,
        decimals,
        paused,
        rate,
        totalSupply,
        activeSupply,
        idle,
        deployed,
        reservedAssets,
        uncoveredAssets,
        pending,
      ] = await Promise.all([
        reactor.getAddress(),
        reactor.asset(at),
        reactor.decimals(at),
        reactor.paused(at),
        reactor.rate(at),
        reactor.totalSupply(at),
        reactor.activeSupply(at),
        reactor.idleAssets(at),
        reactor.deployedAssets(at),
        reactor.reservedAssets(at),
        reactor.uncoveredAssets(at),
        reactor.pendingRedeemShares(at),
      ]);
      return {
        symbol,
        address,
        asset: assetAddress,
        decimals: Number(decimals),
        paused,
        rate,
        totalSupply,
        activeSupply,
        idle,
        deployed,
        reservedAssets,
        uncoveredAssets,
        pendingRedeemShares: pending,
        priceUsd: prices.get(assetAddress.toLowerCase()) ?? null,
        venues: null,
        ldStake: null,
        votes: null,
        assetToTokeRatio: null,
        lastCycle: null,
        losses: null,
      } as ReactorStatus;
    });
    const settled = await ctx.rpc(`read CycleSettled of ${symbol}`, () =>
      lastSettlement(ctx, symbol, clock),
    );
    if (settled !== undefined) {
      const activeValue = (row.activeSupply * row.rate) / RATE_ONE;
      const usd = usdValue(prices, row.asset, activeValue, row.decimals);
      const rewardUsd =
        tokePrice === null ? undefined : (Number(settled.lpReward) / 1e18) * tokePrice;
      const perYear = Number(YEAR_SECONDS) / Number(clock.duration);
      row.lastCycle = {
        cycle: settled.cycle,
        lpEmissions: settled.lpReward,
        ldEmissions: null,
        fees: null,
        lpApr:
          usd === undefined || usd === 0 || rewardUsd === undefined
            ? null
            : (rewardUsd / usd) * perYear,
        ldApr: null,
      };
    }
    rows.push(row);
  }

  const missing = [...UNWIRED_PARTS];
  for (const facet of REACTOR_FACETS) {
    if (facet.present(ctx)) await facet.apply(ctx, rows, prices, clock);
    else missing.push(facet.provides);
  }

  const holdings: TreasuryHolding[] = [];
  for (const [symbol, token] of Object.entries(system.assets)) {
    const address = await token.getAddress();
    const [amount, decimals] = await ctx.rpc(`Treasury ${symbol}`, () =>
      Promise.all([system.treasury.holdings(address, at), token.decimals()]),
    );
    const d = Number(decimals);
    holdings.push({
      symbol,
      asset: address,
      decimals: d,
      amount,
      usd: usdValue(prices, address, amount, d) ?? null,
    });
  }
  const values = holdings.map((h) => h.usd);
  const totalUsd = values.every((v) => v !== null)
    ? values.reduce<number>((s, v) => s + (v ?? 0), 0)
    : null;

  return {
    network: system.connection.networkName,
    chainId: system.addresses.chainId,
    clock,
    secondsToRollover: secondsToRollover(clock),
    due: clock.inProgress || clock.now >= clock.cycleEnd,
    reactors: rows,
    treasury: { holdings, totalUsd },
    missing,
  };
}
