// The outside market of the demo: pools on Uniswap V2, SushiSwap and Balancer V2 seeded by a
// market maker at reference prices, and traders who swap on them every cycle.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { parseUnits } from "ethers";
import {
  BALANCER_ONE,
  createWeightedPool,
  joinWeightedPool,
  swapBalancer,
  type WeightedPoolHandle,
} from "../lib/balancer.js";
import type { Erc20, TestToken, V2Pair } from "../lib/dex-types.js";
import type { DexWorld, V2Venue } from "../lib/dex-world.js";
import type { System } from "../lib/system.js";
import { addV2Liquidity, swapV2 } from "../lib/v2.js";
import type { Random } from "./random.js";

/** Reference prices the pools are seeded at, USD per whole token. */
export const SEED_PRICES_USD: Readonly<Record<string, number>> = {
  WETH: 3_000,
  USDC: 1,
  TOKE: 8,
  ALCX: 20,
  FXS: 3,
};
/** Depth of each Uniswap pool, USD per side; SushiSwap pools are half as deep. */
const UNISWAP_DEPTH_USD = 3_000_000;
/** Balancer's 50/50 WETH/USDC pool, USD per side. */
const BALANCER_DEPTH_USD = 1_500_000;
/** Balancer swap fee, 1e18 = 100% (0.3%, as the V2 venues). */
const BALANCER_SWAP_FEE = 3n * 10n ** 15n;
/** A trade moves this share of the pool's input reserve, at most. */
const MAX_TRADE_SHARE = 0.015;

export interface Pool {
  readonly venue: string;
  readonly label: string;
  readonly tokens: readonly [string, string];
  swap(rng: Random, trader: HardhatEthersSigner): Promise<{ usd: number }>;
}

/** Whole-token amount to raw units, from a float (6 significant digits are plenty here). */
export function units(amount: number, decimals: number): bigint {
  return parseUnits(amount.toFixed(Math.min(decimals, 6)), decimals);
}

/** Gives `who` `amount` of `symbol`: WETH by wrapping ether, TOKE from the deployer, others minted. */
export async function fund(
  system: System,
  symbol: string,
  who: HardhatEthersSigner,
  amount: bigint,
) {
  const token = system.assets[symbol];
  if (symbol === "WETH") {
    const weth = system.dex?.weth;
    if (weth === undefined) throw new Error("no WETH contract");
    await (await weth.connect(who).deposit({ value: amount })).wait();
  } else if (symbol === "TOKE") {
    await (await system.toke.transfer(who.address, amount)).wait();
  } else {
    // Local test tokens (test/solidity/tokens/TestERC20.sol): anyone may mint.
    const test = (await system.connection.ethers.getContractAt(
      "TestERC20",
      await token.getAddress(),
    )) as unknown as TestToken;
    await (await test.mint(who.address, amount)).wait();
  }
}

async function decimalsOf(token: Erc20) {
  return Number(await token.decimals());
}

/**
 * Seeds WETH/USDC, TOKE/WETH, ALCX/WETH and FXS/WETH on Uniswap V2 and SushiSwap, and WETH/USDC
 * on Balancer V2, at SEED_PRICES_USD, from `maker`.
 */
export async function seedMarket(system: System, maker: HardhatEthersSigner): Promise<Pool[]> {
  const world = system.dex;
  if (world === undefined) throw new Error("the demo needs the DEX world (a local chain)");
  const setBalance = system.connection.networkHelpers.setBalance;
  await setBalance(maker.address, parseUnits("1000000", 18));
  const pools: Pool[] = [];
  const pairs: [string, string][] = [
    ["WETH", "USDC"],
    ["TOKE", "WETH"],
    ["ALCX", "WETH"],
    ["FXS", "WETH"],
  ];
  for (const venue of [world.uniswap, world.sushiswap] as V2Venue[]) {
    const depth = venue.name === "uniswap" ? UNISWAP_DEPTH_USD : UNISWAP_DEPTH_USD / 2;
    for (const [a, b] of pairs) {
      const [ta, tb] = [system.assets[a], system.assets[b]];
      const [amountA, amountB] = [
        units(depth / SEED_PRICES_USD[a], await decimalsOf(ta)),
        units(depth / SEED_PRICES_USD[b], await decimalsOf(tb)),
      ];
      await fund(system, a, maker, amountA);
      await fund(system, b, maker, amountB);
      const { pair } = await addV2Liquidity(venue, ta, amountA, tb, amountB, maker);
      pools.push(v2Pool(venue, pair, [a, b], [ta, tb], funder(system)));
    }
  }
  pools.push(await balancerPool(system, world, maker));
  return pools;
}

type Funder = (trader: HardhatEthersSigner, symbol: string, amount: bigint) => Promise<void>;
const funder =
  (system: System): Funder =>
  (trader, symbol, amount) =>
    fund(system, symbol, trader, amount);

/** An amount of `reserve` between 0.2% and MAX_TRADE_SHARE of it. */
function tradeSize(rng: Random, reserve: bigint): bigint {
  return (reserve * BigInt(Math.floor(rng.between(0.002, MAX_TRADE_SHARE) * 1e6))) / 1_000_000n;
}

function v2Pool(
  venue: V2Venue,
  pair: V2Pair,
  [a, b]: [string, string],
  [ta, tb]: [Erc20, Erc20],
  fundFor: Funder,
): Pool {
  const name = venue.name === "uniswap" ? "Uniswap V2" : "SushiSwap";
  return {
    venue: name,
    label: `${a}/${b}`,
    tokens: [a, b],
    async swap(rng, trader) {
      const aIn = rng.chance(0.5);
      const [symbolIn, tokenIn] = aIn ? [a, ta] : [b, tb];
      const [r0, r1] = await pair.getReserves();
      const inIs0 =
        (await pair.token0()).toLowerCase() === (await tokenIn.getAddress()).toLowerCase();
      const reserveIn = inIs0 ? r0 : r1;
      const amountIn = tradeSize(rng, reserveIn);
      await fundFor(trader, symbolIn, amountIn);
      await swapV2(venue, pair, tokenIn, amountIn, trader);
      const decimals = await decimalsOf(tokenIn);
      return { usd: (Number(amountIn) / 10 ** decimals) * SEED_PRICES_USD[symbolIn] };
    },
  };
}

async function balancerPool(
  system: System,
  world: DexWorld,
  maker: HardhatEthersSigner,
): Promise<Pool> {
  const [weth, usdc] = [system.assets.WETH, system.assets.USDC];
  const [wethAddress, usdcAddress] = [await weth.getAddress(), await usdc.getAddress()];
  const half = BALANCER_ONE / 2n;
  const handle: WeightedPoolHandle = await createWeightedPool(
    world.balancer,
    [
      { token: wethAddress, weight: half },
      { token: usdcAddress, weight: half },
    ],
    BALANCER_SWAP_FEE,
    maker,
    "Reactor demo WETH/USDC",
    "B-50WETH-50USDC",
  );
  const wethAmount = units(BALANCER_DEPTH_USD / SEED_PRICES_USD.WETH, 18);
  const usdcAmount = units(BALANCER_DEPTH_USD, 6);
  await fund(system, "WETH", maker, wethAmount);
  await fund(system, "USDC", maker, usdcAmount);
  await joinWeightedPool(world.balancer, handle, maker, [
    { token: wethAddress, amount: wethAmount },
    { token: usdcAddress, amount: usdcAmount },
  ]);
  return {
    venue: "Balancer V2",
    label: "WETH/USDC 50/50",
    tokens: ["WETH", "USDC"],
    async swap(rng, trader) {
      const wethIn = rng.chance(0.5);
      const [symbolIn, inAddress, outAddress] = wethIn
        ? ["WETH", wethAddress, usdcAddress]
        : ["USDC", usdcAddress, wethAddress];
      const [, balances] = await world.balancer.vault.getPoolTokens(handle.poolId);
      const index = handle.tokens.findIndex((t) => t.toLowerCase() === inAddress.toLowerCase());
      const amountIn = tradeSize(rng, balances[index]);
      await fund(system, symbolIn, trader, amountIn);
      await swapBalancer(world.balancer, handle, inAddress, outAddress, amountIn, trader);
      return { usd: (Number(amountIn) / 10 ** (wethIn ? 18 : 6)) * SEED_PRICES_USD[symbolIn] };
    },
  };
}
