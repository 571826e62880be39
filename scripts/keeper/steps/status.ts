// What `status` reports, collected from the chain. Parts that add to a Reactor's picture (LD
// stake and votes: directors; per-venue positions and fees: venues) are ReactorFacets listed in
// facets.ts; each fills its own fields, and the report lists the parts that are not deployed.
import { readClock, secondsToRollover } from "../chain/clock.js";
import type { Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";
import { decodeBytes32String, id } from "ethers";
import { dexPrices, usdValue } from "../../lib/prices.js";
import { REACTOR_FACETS } from "./facets.js";
import {
  RATE_ONE,
  YEAR_SECONDS,
  type ReactorStatus,
  type StatusReport,
  type TreasuryHolding,
  type TreasurySource,
} from "./status-types.js";

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

/** Sources some contracts record as the hash of their label (the pricers) rather than the label. */
const HASHED_SOURCES = new Map(
  ["PRICER_FEES", "PRICER_CAPITAL", "PRICER_SLASH"].map((label) => [id(label), label]),
);

/** A Treasury source id as a label: a bytes32 string, a known hashed label, or the raw id. */
function sourceLabel(source: string): string {
  const hashed = HASHED_SOURCES.get(source);
  if (hashed !== undefined) return hashed;
  try {
    return decodeBytes32String(source);
  } catch {
    return source;
  }
}

/**
 * A Treasury asset's inflows by source label and its outflows, from the Treasury's events; the
 * liquidity it provided to `reactors` (those of the asset) is an outflow, and what came back an
 * inflow.
 */
async function treasurySources(
  ctx: KeeperContext,
  asset: string,
  reactors: readonly string[],
  fromBlock: number,
  toBlock: number,
): Promise<TreasurySource[]> {
  const { treasury } = ctx.system;
  const book = new Map<string, bigint>();
  const add = (source: string, amount: bigint) =>
    book.set(source, (book.get(source) ?? 0n) + amount);
  for (const e of await treasury.queryFilter(
    treasury.filters.InflowRecorded(asset),
    fromBlock,
    toBlock,
  ))
    add(sourceLabel(e.args.source), e.args.amount);
  for (const e of await treasury.queryFilter(treasury.filters.Paid(asset), fromBlock, toBlock))
    add("paid out", -e.args.amount);
  for (const e of await treasury.queryFilter(
    treasury.filters.LossCovered(asset),
    fromBlock,
    toBlock,
  ))
    add("loss cover", -e.args.amount);
  for (const reactor of reactors) {
    for (const e of await treasury.queryFilter(
      treasury.filters.LiquidityProvided(reactor),
      fromBlock,
      toBlock,
    ))
      add("provided as liquidity", -e.args.assets);
    for (const e of await treasury.queryFilter(
      treasury.filters.WithdrawalCompleted(reactor),
      fromBlock,
      toBlock,
    ))
      add("liquidity returned", e.args.assets);
  }
  return [...book].map(([source, amount]) => ({ source, amount }));
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
        coverage: null,
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
  const totals: Pick<StatusReport, "emissions" | "singularity"> = {
    emissions: null,
    singularity: null,
  };
  for (const facet of REACTOR_FACETS) {
    if (facet.present(ctx)) await facet.apply(ctx, rows, prices, clock, totals);
    else missing.push(facet.provides);
  }
  const fromBlock = Math.max(0, clock.blockNumber - ctx.config.logLookbackBlocks);

  const holdings: TreasuryHolding[] = [];
  for (const [symbol, token] of Object.entries(system.assets)) {
    const address = await token.getAddress();
    const [amount, decimals] = await ctx.rpc(`Treasury ${symbol}`, () =>
      Promise.all([system.treasury.holdings(address, at), token.decimals()]),
    );
    const d = Number(decimals);
    const sources = await ctx.rpc(`Treasury ${symbol} by source`, () =>
      treasurySources(
        ctx,
        address,
        rows.filter((r) => r.asset.toLowerCase() === address.toLowerCase()).map((r) => r.address),
        fromBlock,
        clock.blockNumber,
      ),
    );
    holdings.push({
      symbol,
      asset: address,
      decimals: d,
      amount,
      usd: usdValue(prices, address, amount, d) ?? null,
      sources,
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
    emissions: totals.emissions,
    singularity: totals.singularity,
  };
}
