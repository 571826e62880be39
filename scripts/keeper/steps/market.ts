// The keeper's market jobs: TWAP observations ahead of the rollover (`poke`) and the price feed
// the emission weights read (`prices`). Both only act where the protocol deployed the part.
import pc from "picocolors";
import { fmtFeedPrice } from "../../lib/format.js";
import type { Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";
import { EXIT, KeeperError, decodeRevert } from "../chain/errors.js";
import { isRevert } from "../chain/retry.js";
import { sendAndWait } from "../chain/send.js";
import type { RolloverStep } from "./types.js";

/** Q112 fixed point of the oracle's prices. */
const Q112 = 2n ** 112n;
/** The price feed's scale: TOKE wei per asset wei times 1e18. */
const PRICE_ONE = 10n ** 18n;
const BPS = 10_000n;

export interface MarketPair {
  readonly label: string;
  readonly token: string;
  readonly base: string;
}

/** Symbol of the Reactor whose asset is `asset`, or the address. */
function symbolOfAsset(ctx: KeeperContext, asset: string): string {
  for (const [symbol, token] of Object.entries(ctx.system.assets)) {
    if (token.target.toString().toLowerCase() === asset.toLowerCase()) return symbol;
  }
  return asset;
}

/**
 * The pairs the protocol prices: each token Reactor's asset against its base (the allocator's
 * pairings), and TOKE against each base (the loss waterfall values slashes in TOKE).
 */
export async function marketPairs(ctx: KeeperContext): Promise<MarketPair[]> {
  const { system } = ctx;
  const pairs: MarketPair[] = [];
  const bases = new Set<string>();
  for (const [symbol, reactor] of Object.entries(system.reactors)) {
    const { baseReactor } = await system.allocator.pairingOf(reactor);
    if (BigInt(baseReactor) === 0n) continue;
    const [token, base] = [
      await reactor.asset(),
      await system.reactors[symbolOfBaseReactor(ctx, baseReactor)].asset(),
    ];
    bases.add(base);
    pairs.push({ label: `${symbol}/${symbolOfAsset(ctx, base)}`, token, base });
  }
  for (const base of bases) {
    pairs.push({ label: `TOKE/${symbolOfAsset(ctx, base)}`, token: system.addresses.toke, base });
  }
  return pairs;
}

function symbolOfBaseReactor(ctx: KeeperContext, reactor: string): string {
  for (const [symbol, r] of Object.entries(ctx.system.reactors)) {
    if (r.target.toString().toLowerCase() === reactor.toLowerCase()) return symbol;
  }
  throw new KeeperError(`pairing names an unknown base Reactor ${reactor}`, EXIT.failed);
}

/** `consult` in base wei per token wei, Q112; undefined when the oracle has no usable price. */
export async function twap(
  ctx: KeeperContext,
  token: string,
  base: string,
): Promise<bigint | undefined> {
  try {
    return await ctx.system.oracle.consult(token, base);
  } catch (error) {
    if (isRevert(error) || decodeRevert(error) !== undefined) return undefined;
    throw error;
  }
}

export interface PokeOutcome {
  readonly recorded: string[];
  readonly tooSoon: string[];
  readonly untracked: string[];
}

/** Records a TWAP observation of every tracked pair that is due one (anyone may). */
export async function pokeOracle(ctx: KeeperContext): Promise<PokeOutcome> {
  const outcome: PokeOutcome = { recorded: [], tooSoon: [], untracked: [] };
  for (const pair of await marketPairs(ctx)) {
    let due: boolean;
    try {
      due = await ctx.system.oracle.update.staticCall(pair.token, pair.base);
    } catch (error) {
      if (decodeRevert(error)?.name === "TwapOracleNotTracked") {
        outcome.untracked.push(pair.label);
        continue;
      }
      throw error;
    }
    if (!due) {
      outcome.tooSoon.push(pair.label);
      continue;
    }
    const hash = await sendAndWait(ctx, ctx.system.oracle.update(pair.token, pair.base));
    outcome.recorded.push(pair.label);
    ctx.out.event(
      "observed",
      { pair: pair.label, hash },
      `${pc.green("✓")} TWAP observation ${pair.label} ${pc.dim(hash)}`,
    );
  }
  return outcome;
}

export function renderPoke(o: PokeOutcome): string {
  const parts = [
    `recorded ${o.recorded.length ? o.recorded.join(", ") : "none"}`,
    o.tooSoon.length
      ? `not due yet (within the oracle's minimum window): ${o.tooSoon.join(", ")}`
      : "",
    o.untracked.length
      ? pc.yellow(
          `not tracked by the oracle (run \`keeper pairs track\`): ${o.untracked.join(", ")}`,
        )
      : "",
  ].filter((p) => p !== "");
  return `TWAP observations: ${parts.join("; ")}.`;
}

/** A price the keeper will post: the TWAP's, clamped to the feed's per-post deviation bound. */
export interface PricePost {
  readonly symbol: string;
  readonly asset: string;
  readonly current: bigint;
  readonly target: bigint | undefined;
  readonly value: bigint;
  /** The asset's decimals (to print the price per whole asset). */
  readonly decimals: number;
  readonly source: "twap" | "unchanged";
}

/**
 * What each Reactor asset's feed price should become: asset -> base -> TOKE at the TWAPs,
 * moved at most `maxDeviationBps` from the current price; the current price again (to keep it
 * fresh) when the TWAP is unavailable. TOKE itself is 1:1 and never posted.
 */
export async function plannedPrices(ctx: KeeperContext): Promise<PricePost[]> {
  const { system } = ctx;
  const maxDeviation = await system.priceFeed.maxDeviationBps();
  const posts: PricePost[] = [];
  for (const [symbol, reactor] of Object.entries(system.reactors)) {
    const asset = await reactor.asset();
    if (asset.toLowerCase() === system.addresses.toke.toLowerCase()) continue;
    const { price: current } = await system.priceFeed.priceData(asset);
    if (current === 0n) continue; // never priced by governance: the keeper cannot start a price
    let target: bigint | undefined;
    const { baseReactor } = await system.allocator.pairingOf(reactor);
    if (BigInt(baseReactor) !== 0n) {
      const base = await system.reactors[symbolOfBaseReactor(ctx, baseReactor)].asset();
      const [assetInBase, tokeInBase] = [
        await twap(ctx, asset, base),
        await twap(ctx, system.addresses.toke, base),
      ];
      if (assetInBase !== undefined && tokeInBase !== undefined && tokeInBase > 0n) {
        target = (assetInBase * PRICE_ONE) / tokeInBase;
      }
    } else {
      const tokeInAsset = await twap(ctx, system.addresses.toke, asset);
      if (tokeInAsset !== undefined && tokeInAsset > 0n) target = (Q112 * PRICE_ONE) / tokeInAsset;
    }
    const lo = (current * (BPS - maxDeviation)) / BPS;
    const hi = (current * (BPS + maxDeviation)) / BPS;
    const value = target === undefined ? current : target < lo ? lo : target > hi ? hi : target;
    posts.push({
      symbol,
      asset,
      decimals: Number(await system.assets[symbol].decimals()),
      current,
      target,
      value: value === 0n ? current : value,
      source: target === undefined ? "unchanged" : "twap",
    });
  }
  return posts;
}

/** Whether the signer may post prices (KEEPER_ROLE). */
export async function isKeeper(ctx: KeeperContext): Promise<boolean> {
  const { roles, signer } = ctx.system;
  return roles.hasRole(await roles.KEEPER_ROLE(), signer.address);
}

/** Posts every planned price (the `prices` command). */
export async function postPrices(ctx: KeeperContext): Promise<PricePost[]> {
  if (!(await isKeeper(ctx))) {
    throw new KeeperError("posting prices needs KEEPER_ROLE, which the signer lacks", EXIT.usage);
  }
  const posts = await plannedPrices(ctx);
  for (const post of posts) {
    const hash = await sendAndWait(ctx, ctx.system.priceFeed.postPrice(post.asset, post.value));
    ctx.out.event(
      "price",
      { ...post, hash },
      `${pc.green("✓")} 1 ${post.symbol} = ${fmtFeedPrice(post.value, post.decimals)} (${post.source === "twap" ? "from the TWAP" : pc.yellow("TWAP unavailable: refreshed unchanged")}) ${pc.dim(hash)}`,
    );
  }
  return posts;
}

/**
 * The rollover's preparation: post the prices that were not refreshed since the cycle's
 * pre-rollover window opened, so the emission weights read fresh prices. Skipped (with a
 * warning) without KEEPER_ROLE: the rollover then pays no emissions to stale-priced Reactors.
 */
export async function priceSteps(ctx: KeeperContext, clock: Clock): Promise<RolloverStep[]> {
  if (BigInt(await ctx.system.manager.emissionHook()) === 0n) return [];
  if (!(await isKeeper(ctx))) {
    ctx.out.warn("the signer lacks KEEPER_ROLE: prices not refreshed; stale prices cut emissions");
    return [];
  }
  const windowOpens = clock.cycleEnd - BigInt(ctx.config.oracleLeadSeconds);
  const steps: RolloverStep[] = [];
  for (const post of await plannedPrices(ctx)) {
    const { updatedAt } = await ctx.system.priceFeed.priceData(post.asset);
    if (updatedAt >= windowOpens) continue;
    steps.push({
      kind: "prepare",
      label: `post the ${post.symbol} price (${post.source === "twap" ? "TWAP" : "unchanged: no TWAP"})`,
      detail: { ...post },
      simulate: async (c) => {
        await c.system.priceFeed.postPrice.staticCall(post.asset, post.value);
        return {
          gasEstimate: await c.system.priceFeed.postPrice.estimateGas(post.asset, post.value),
        };
      },
      send: (c) => c.system.priceFeed.postPrice(post.asset, post.value),
    });
  }
  return steps;
}

/** Warnings about pairs without a usable TWAP: their venue moves are skipped this rollover. */
export async function twapWarnings(ctx: KeeperContext): Promise<string[]> {
  const warnings: string[] = [];
  for (const pair of await marketPairs(ctx)) {
    if ((await twap(ctx, pair.token, pair.base)) === undefined) {
      warnings.push(
        `no usable TWAP for ${pair.label}: its venue moves are skipped (run \`keeper poke\` between the oracle's max and min window before the cycle ends)`,
      );
    }
  }
  return warnings;
}
