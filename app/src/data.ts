// Reads shared by the pages: Reactors with their assets, prices in TOKE, venue positions, the clock.
import { decodeBytes32String, ZeroAddress } from "ethers";
import { ABI } from "./abis";
import { chainNow, read, type AppContext } from "./context";
import type { Unit } from "./format";

const ONE = 10n ** 18n;
const YEAR_SECONDS = 365n * 86_400n;

export interface Clock {
  readonly cycle: bigint;
  readonly cycleStart: bigint;
  readonly duration: bigint;
  readonly end: bigint;
  readonly now: bigint;
  readonly inProgress: boolean;
  readonly cursor: bigint;
  readonly reactorCount: bigint;
}

export async function readClock(ctx: AppContext): Promise<Clock> {
  const manager = read(ctx, ctx.config.addresses.cycleManager, ABI.cycleManager);
  const [state, end, now] = await Promise.all([manager.state(), manager.cycleEnd(), chainNow(ctx)]);
  return {
    cycle: BigInt(state.cycle),
    cycleStart: BigInt(state.cycleStart),
    duration: BigInt(state.duration),
    end: BigInt(end),
    now,
    inProgress: state.inProgress as boolean,
    cursor: BigInt(state.cursor),
    reactorCount: BigInt(state.reactorCount),
  };
}

export interface ReactorInfo {
  readonly symbol: string;
  readonly address: string;
  readonly asset: string;
  /** The asset's unit, and the tAsset's (same decimals). */
  readonly unit: Unit;
  readonly shareUnit: Unit;
  readonly isWeth: boolean;
  readonly isToke: boolean;
  readonly paused: boolean;
  readonly totalAssets: bigint;
  readonly totalSupply: bigint;
  readonly idle: bigint;
  readonly deployed: bigint;
  /** Assets per whole tAsset, asset wei. */
  readonly rate: bigint;
  /** TOKE wei per asset wei, 1e18-scaled; undefined: no fresh price. */
  readonly price: bigint | undefined;
  readonly stake: { total: bigint; active: bigint };
  /** Asset wei deployed per venue (as the token side or as a pair's base). */
  readonly venues: ReadonlyMap<string, bigint>;
  /** Allowed venues (for votes) by id. */
  readonly allowed: readonly { id: string; name: string; slot: bigint }[];
  /** This cycle's projected APRs (ratio a year). */
  readonly lpApr: number | null;
  readonly ldApr: number | null;
  /**
   * The Treasury's share of the active tAssets (bps) in the last closed cycle, and how many cycles
   * in a row it was full, as the last rollover recorded them; null for the TOKE Reactor or before.
   */
  readonly coverage: { readonly bps: number; readonly streak: number } | null;
}

/** The singularity: every Reactor covered by the Treasury for `cycles` (K) cycles in a row. */
export interface SingularityInfo {
  readonly cycles: number;
  readonly reached: boolean;
  /** The Treasury's share of all Reactors' active assets by value, bps. */
  readonly overallBps: number;
}

export async function readSingularity(ctx: AppContext): Promise<SingularityInfo> {
  const emissions = read(ctx, ctx.config.addresses.emissionController, ABI.emissionController);
  const [curve, reached, overall] = await Promise.all([
    emissions.coverageCurve(),
    emissions.singularity() as Promise<boolean>,
    emissions.overallCoverage() as Promise<bigint>,
  ]);
  return { cycles: Number(curve.singularityCycles), reached, overallBps: Number(overall) };
}

/** Display names of the venues whose ids are known; others are shown from their id. */
const VENUE_NAMES: Readonly<Record<string, string>> = {
  UNISWAP_V2: "Uniswap V2",
  SUSHISWAP: "SushiSwap",
  BALANCER_V2: "Balancer V2",
};

export function venueLabel(id: string): string {
  try {
    const raw = decodeBytes32String(id);
    return (
      VENUE_NAMES[raw] ??
      raw
        .replace(/_/g, " ")
        .toLowerCase()
        .replace(/\b\w/g, (c) => c.toUpperCase())
    );
  } catch {
    return id.slice(0, 10);
  }
}

/** Every Reactor of the cycle manager, in settlement order. */
export async function readReactors(ctx: AppContext): Promise<ReactorInfo[]> {
  const book = ctx.config.addresses;
  const manager = read(ctx, book.cycleManager, ABI.cycleManager);
  const feed = read(ctx, book.priceFeed, ABI.priceFeed);
  const staking = read(ctx, book.ldStaking, ABI.ldStaking);
  const allocator = read(ctx, book.liquidityAllocator, ABI.liquidityAllocator);
  const registry = read(ctx, book.venueRegistry, ABI.venueRegistry);
  const emissions = read(ctx, book.emissionController, ABI.emissionController);
  const bySymbol = new Map(Object.entries(book.reactors).map(([s, a]) => [a.toLowerCase(), s]));
  const addresses = (await manager.reactors()) as string[];
  const [round, perCycle, clock] = await Promise.all([
    emissions.round(),
    emissions.emissionPerCycle(),
    readClock(ctx),
  ]);
  const sums = await emissions.sumsFor(clock.cycle);
  const venueBook = new Map<string, Map<string, bigint>>(
    addresses.map((a) => [a.toLowerCase(), new Map()]),
  );
  const rows = await Promise.all(
    addresses.map(async (address) => {
      const reactor = read(ctx, address, ABI.reactor);
      const assetAddress = (await reactor.asset()) as string;
      const asset = read(ctx, assetAddress, ABI.erc20);
      const [
        symbol,
        decimals,
        paused,
        totalAssets,
        totalSupply,
        idle,
        deployed,
        priceRead,
        stake,
        held,
        allowedVenues,
        snapshot,
      ] = await Promise.all([
        asset.symbol() as Promise<string>,
        asset.decimals(),
        reactor.paused() as Promise<boolean>,
        reactor.totalAssets() as Promise<bigint>,
        reactor.totalSupply() as Promise<bigint>,
        reactor.idleAssets() as Promise<bigint>,
        reactor.deployedAssets() as Promise<bigint>,
        feed.tryPrice(assetAddress),
        staking.totalStake(address),
        allocator.heldVenues(address) as Promise<string[]>,
        registry.allowedVenues(address).catch(() => [[], []]),
        emissions.snapshotOf(address),
      ]);
      const d = Number(decimals);
      const rate = (await reactor.convertToAssets(10n ** BigInt(d))) as bigint;
      for (const venue of held) {
        const principal = await allocator.principalOf(address, venue);
        const pairing = await allocator.pairingOf(address);
        const mine = venueBook.get(address.toLowerCase());
        mine?.set(venue, (mine.get(venue) ?? 0n) + BigInt(principal.token));
        const base = venueBook.get(String(pairing.baseReactor).toLowerCase());
        if (pairing.baseReactor !== ZeroAddress)
          base?.set(venue, (base.get(venue) ?? 0n) + BigInt(principal.base));
      }
      const price = priceRead[0] ? BigInt(priceRead[1]) : undefined;
      const weight = BigInt(sums.weight);
      const budget = BigInt(round.cycle) === clock.cycle ? BigInt(round.budget) : BigInt(perCycle);
      const perYear = Number(YEAR_SECONDS) / Number(clock.duration === 0n ? 1n : clock.duration);
      const valueToke = price === undefined ? 0n : (totalAssets * price) / ONE;
      const apr = (sideWeight: bigint, base: bigint) =>
        weight === 0n || base === 0n || BigInt(snapshot.cycle) !== clock.cycle
          ? null
          : ((Number(budget) * Number(sideWeight)) / Number(weight) / Number(base)) * perYear;
      const ids = allowedVenues[0] as string[];
      const slots = allowedVenues[1] as bigint[];
      return {
        symbol: bySymbol.get(address.toLowerCase()) ?? symbol,
        address,
        asset: assetAddress,
        unit: { symbol, decimals: d },
        shareUnit: { symbol: `t${symbol}`, decimals: d },
        isWeth: book.dex?.weth?.toLowerCase() === assetAddress.toLowerCase() || symbol === "WETH",
        isToke: assetAddress.toLowerCase() === book.toke.toLowerCase(),
        paused,
        totalAssets,
        totalSupply,
        idle,
        deployed,
        rate,
        price,
        stake: { total: BigInt(stake[0]), active: BigInt(stake[1]) },
        venues: venueBook.get(address.toLowerCase()) ?? new Map(),
        allowed: ids.map((id, i) => ({ id, name: venueLabel(id), slot: BigInt(slots[i]) })),
        lpApr: apr(BigInt(snapshot.lpWeight), valueToke),
        ldApr: apr(BigInt(snapshot.ldWeight), BigInt(stake[1])),
        coverage:
          assetAddress.toLowerCase() === book.toke.toLowerCase() || BigInt(snapshot.cycle) === 0n
            ? null
            : { bps: Number(snapshot.coverageBps), streak: Number(snapshot.coveredCycles) },
      } satisfies ReactorInfo;
    }),
  );
  return rows;
}

/** Value of `amount` asset wei in TOKE wei at `price`. */
export function inToke(amount: bigint, price: bigint | undefined): bigint | undefined {
  return price === undefined ? undefined : (amount * price) / ONE;
}
