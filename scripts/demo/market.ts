// The outside market of the demo: pools on Uniswap V2, SushiSwap and Balancer V2 seeded by a
// market maker at reference prices, traders who swap on them every cycle, and a whale who can
// move a price across every venue at once.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { parseUnits } from "ethers";
import {
  BALANCER_ONE,
  createWeightedPool,
  joinWeightedPool,
  swapBalancer,
  type WeightedPoolHandle,
} from "../lib/balancer.js";
import type { TestToken, V2Pair } from "../lib/dex-types.js";
import type { DexWorld, V2Venue } from "../lib/dex-world.js";
import type { PairListing } from "../lib/listing.js";
import type { System } from "../lib/system.js";
import { addV2Liquidity, swapV2, V2_FEE_DENOMINATOR, V2_FEE_NUMERATOR } from "../lib/v2.js";
import type { Random } from "./random.js";

/**
 * Reference prices the pools are seeded at, USD per whole token. deploy/parameters/local.json
 * sets the price feed's first prices from the same numbers (TOKE at $8).
 */
export const SEED_PRICES_USD: Readonly<Record<string, number>> = {
  WETH: 3_000,
  USDC: 1,
  TOKE: 8,
  ALCX: 20,
  FXS: 3,
};
/** Depth of each Uniswap V2 pool, USD per side; SushiSwap and Balancer pools are half as deep. */
const UNISWAP_DEPTH_USD = 3_000_000;
/** Balancer swap fee, 1e18 = 100% (0.3%, as the V2 venues). */
const BALANCER_SWAP_FEE = 3n * 10n ** 15n;
/** A random trade moves this share of the pool's input reserve, at most. */
const MAX_TRADE_SHARE = 0.015;
const MIN_TRADE_SHARE = 0.002;
/** Precision of float shares turned into bigint ratios. */
const SHARE_SCALE = 1_000_000;

/** The V2 pairs seeded on Uniswap and SushiSwap (token, base). */
const V2_PAIRS: readonly (readonly [string, string])[] = [
  ["WETH", "USDC"],
  ["TOKE", "WETH"],
  ["TOKE", "USDC"],
  ["ALCX", "WETH"],
  ["FXS", "USDC"],
];
/** The 50/50 Balancer pools (the token Reactors' pairs, which the adapter registers, and WETH/USDC). */
const BALANCER_PAIRS: readonly (readonly [string, string])[] = [
  ["WETH", "USDC"],
  ["ALCX", "WETH"],
  ["FXS", "USDC"],
];

export interface Pool {
  readonly venue: string;
  readonly tokens: readonly [string, string];
  /** The pool's balance of `symbol`. */
  reserve(symbol: string): Promise<bigint>;
  /** Swaps exactly `amountIn` of `symbolIn` for the other token (funds the trader first). */
  swap(trader: HardhatEthersSigner, symbolIn: string, amountIn: bigint): Promise<void>;
}

export interface Market {
  readonly pools: readonly Pool[];
  /** What governance must list once the pools exist (TWAP tracking, Balancer pools). */
  readonly listings: readonly PairListing[];
}

/** Whole-token amount to raw units, from a float (6 significant decimals are plenty here). */
export function units(amount: number, decimals: number): bigint {
  return parseUnits(amount.toFixed(Math.min(decimals, 6)), decimals);
}

const share = (amount: bigint, fraction: number) =>
  (amount * BigInt(Math.floor(fraction * SHARE_SCALE))) / BigInt(SHARE_SCALE);

/** Gives `who` `amount` of `symbol`: WETH by wrapping ether, TOKE from the deployer, others minted. */
export async function fund(
  system: System,
  symbol: string,
  who: HardhatEthersSigner,
  amount: bigint,
) {
  if (symbol === "WETH") {
    const weth = system.dex?.weth;
    if (weth === undefined) throw new Error("no WETH contract");
    await system.connection.networkHelpers.setBalance(who.address, parseUnits("1000000000", 18));
    await (await weth.connect(who).deposit({ value: amount })).wait();
  } else if (symbol === "TOKE") {
    await (await system.toke.connect(system.signer).transfer(who.address, amount)).wait();
  } else {
    // Local test tokens (test/solidity/tokens/TestERC20.sol): anyone may mint.
    const token = (await system.connection.ethers.getContractAt(
      "TestERC20",
      await system.assets[symbol].getAddress(),
    )) as unknown as TestToken;
    await (await token.mint(who.address, amount)).wait();
  }
}

const decimalsOf = async (system: System, symbol: string) =>
  Number(await system.assets[symbol].decimals());

function v2Pool(
  system: System,
  venue: V2Venue,
  pair: V2Pair,
  tokens: readonly [string, string],
): Pool {
  const name = venue.name === "uniswap" ? "Uniswap V2" : "SushiSwap";
  const reserve = async (symbol: string) => {
    const [r0, r1] = await pair.getReserves();
    const is0 =
      (await pair.token0()).toLowerCase() ===
      (await system.assets[symbol].getAddress()).toLowerCase();
    return is0 ? r0 : r1;
  };
  return {
    venue: name,
    tokens,
    reserve,
    async swap(trader, symbolIn, amountIn) {
      await fund(system, symbolIn, trader, amountIn);
      await swapV2(venue, pair, system.assets[symbolIn], amountIn, trader);
    },
  };
}

function balancerPool(
  system: System,
  world: DexWorld,
  handle: WeightedPoolHandle,
  tokens: readonly [string, string],
): Pool {
  const reserve = async (symbol: string) => {
    const [, balances] = await world.balancer.vault.getPoolTokens(handle.poolId);
    const address = (await system.assets[symbol].getAddress()).toLowerCase();
    return balances[handle.tokens.findIndex((t) => t.toLowerCase() === address)];
  };
  return {
    venue: "Balancer V2",
    tokens,
    reserve,
    async swap(trader, symbolIn, amountIn) {
      const symbolOut = tokens[0] === symbolIn ? tokens[1] : tokens[0];
      await fund(system, symbolIn, trader, amountIn);
      const [a, b] = [
        await system.assets[symbolIn].getAddress(),
        await system.assets[symbolOut].getAddress(),
      ];
      await swapBalancer(world.balancer, handle, a, b, amountIn, trader);
    },
  };
}

/** Seeds every pool at SEED_PRICES_USD from `maker`. */
export async function seedMarket(system: System, maker: HardhatEthersSigner): Promise<Market> {
  const world = system.dex;
  if (world === undefined) throw new Error("the demo needs the DEX world (a local chain)");
  const amountsFor = async (token: string, base: string, usd: number) => [
    units(usd / SEED_PRICES_USD[token], await decimalsOf(system, token)),
    units(usd / SEED_PRICES_USD[base], await decimalsOf(system, base)),
  ];
  const pools: Pool[] = [];
  for (const venue of [world.uniswap, world.sushiswap] as V2Venue[]) {
    const depth = venue.name === "uniswap" ? UNISWAP_DEPTH_USD : UNISWAP_DEPTH_USD / 2;
    for (const [token, base] of V2_PAIRS) {
      const [amountT, amountB] = await amountsFor(token, base, depth);
      await fund(system, token, maker, amountT);
      await fund(system, base, maker, amountB);
      const { pair } = await addV2Liquidity(
        venue,
        system.assets[token],
        amountT,
        system.assets[base],
        amountB,
        maker,
      );
      pools.push(v2Pool(system, venue, pair, [token, base]));
    }
  }
  const listings: PairListing[] = [];
  for (const [token, base] of BALANCER_PAIRS) {
    const [t, b] = [
      await system.assets[token].getAddress(),
      await system.assets[base].getAddress(),
    ];
    const handle = await createWeightedPool(
      world.balancer,
      [
        { token: t, weight: BALANCER_ONE / 2n },
        { token: b, weight: BALANCER_ONE / 2n },
      ],
      BALANCER_SWAP_FEE,
      maker,
      `Demo ${token}/${base} 50/50`,
      `B-50${token}-50${base}`,
    );
    const [amountT, amountB] = await amountsFor(token, base, UNISWAP_DEPTH_USD / 2);
    await fund(system, token, maker, amountT);
    await fund(system, base, maker, amountB);
    await joinWeightedPool(world.balancer, handle, maker, [
      { token: t, amount: amountT },
      { token: b, amount: amountB },
    ]);
    pools.push(balancerPool(system, world, handle, [token, base]));
    if (token !== "WETH") listings.push({ token, base, balancerPoolId: handle.poolId });
  }
  return { pools, listings };
}

/** A random trade: a random pool, direction and size (0.2% to 1.5% of the input reserve). */
export async function randomTrade(
  rng: Random,
  pools: readonly Pool[],
  trader: HardhatEthersSigner,
) {
  const pool = rng.pick(pools);
  const symbolIn = rng.pick(pool.tokens);
  const amountIn = share(
    await pool.reserve(symbolIn),
    rng.between(MIN_TRADE_SHARE, MAX_TRADE_SHARE),
  );
  await pool.swap(trader, symbolIn, amountIn);
  return { venue: pool.venue, symbolIn, amountIn };
}

/** Smallest relative price gap an arbitrageur bothers to close. */
const ARBITRAGE_THRESHOLD = 0.001;

/**
 * An arbitrageur brings every pool back to the reference prices (USD per whole token): on a
 * 50/50 constant-product pool, moving the price by a factor f takes reserve x (sqrt(f) - 1) of
 * the token bought with, grossed up for the 0.3% fee. Keeps the venues consistent with each
 * other (and the TWAP with the reference), as arbitrage does on mainnet.
 */
export async function arbitrage(
  system: System,
  pools: readonly Pool[],
  referenceUsd: Readonly<Record<string, number>>,
  arbitrageur: HardhatEthersSigner,
): Promise<number> {
  let trades = 0;
  for (const pool of pools) {
    const [a, b] = pool.tokens;
    const [ra, rb] = [await pool.reserve(a), await pool.reserve(b)];
    const [da, db] = [await decimalsOf(system, a), await decimalsOf(system, b)];
    const price = Number(rb) / 10 ** db / (Number(ra) / 10 ** da); // b per a
    const target = referenceUsd[a] / referenceUsd[b];
    const factor = target / price;
    if (Math.abs(factor - 1) < ARBITRAGE_THRESHOLD) continue;
    // a too cheap: buy a with b (b's reserve grows); too dear: sell a (a's reserve grows).
    const [symbolIn, reserveIn, grow] =
      factor > 1 ? [b, rb, Math.sqrt(factor)] : [a, ra, Math.sqrt(1 / factor)];
    const amountIn = (share(reserveIn, grow - 1) * V2_FEE_DENOMINATOR) / V2_FEE_NUMERATOR;
    if (amountIn === 0n) continue;
    await pool.swap(arbitrageur, symbolIn, amountIn);
    ++trades;
  }
  return trades;
}
