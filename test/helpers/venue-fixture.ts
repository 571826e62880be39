import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { BALANCER_ONE, createWeightedPool, joinWeightedPool, type WeightedPoolHandle } from "../../scripts/lib/balancer.js";
import type { TestToken, V2Pair } from "../../scripts/lib/dex-types.js";
import { deployDexWorld, type DexWorld, type V2Venue } from "../../scripts/lib/dex-world.js";
import { deployTestToken } from "../../scripts/lib/tokens.js";
import { addV2Liquidity } from "../../scripts/lib/v2.js";
import type { BalancerV2WeightedAdapter, ProtocolRoles, TwapOracle, UniswapV2StyleAdapter } from "../../typechain-types/index.js";
import { E18 } from "./dex-fixture.js";

/** Q112.112 fixed point: 2**112 is a price of 1 (raw units per raw unit). */
export const Q112 = 2n ** 112n;
export const BPS = 10_000n;

/** Seeds: every venue starts with 500,000 TKN against 1,000 WETH, a price of 0.002 WETH. */
export const SEED_TOKEN = 500_000n * E18;
export const SEED_BASE = 1_000n * E18;
/** Balancer pools charge 0.3%, like the V2 pairs. */
export const BALANCER_SWAP_FEE = 3n * 10n ** 15n;
/** TWAP oracle bounds used by the tests: 30 min .. 2 days, fallback feeds up to 1 day old. */
export const MIN_WINDOW = 30n * 60n;
export const MAX_WINDOW = 2n * 24n * 3600n;
export const MAX_FEED_AGE = 24n * 3600n;

/** What every holder gets of TKN, and of ETH wrapped into WETH. */
const TOKEN_BALANCE = 10_000_000n * E18;
const WETH_BALANCE = 4_000n * E18;

export interface VenueWorld {
  readonly world: DexWorld;
  readonly roles: ProtocolRoles;
  readonly governance: HardhatEthersSigner;
  readonly allocator: HardhatEthersSigner;
  readonly lp: HardhatEthersSigner;
  readonly trader: HardhatEthersSigner;
  readonly attacker: HardhatEthersSigner;
  readonly token: TestToken;
  readonly tokenAddress: string;
  readonly baseAddress: string;
  readonly uniswapPair: V2Pair;
  readonly sushiPair: V2Pair;
  readonly balancerPool: WeightedPoolHandle;
  readonly uniswapAdapter: UniswapV2StyleAdapter;
  readonly sushiAdapter: UniswapV2StyleAdapter;
  readonly balancerAdapter: BalancerV2WeightedAdapter;
  readonly oracle: TwapOracle;
}

async function wrapEth(world: DexWorld, holder: HardhatEthersSigner, amount: bigint) {
  await (await world.weth.connect(holder).deposit({ value: amount })).wait();
}

/**
 * The DEX world with TKN/WETH seeded at the same price on Uniswap V2, SushiSwap and a 50/50
 * Balancer pool; one adapter per venue serving the `allocator` signer (which holds TKN and WETH
 * and has approved every adapter); a TWAP oracle tracking the Uniswap pair.
 */
export async function venueFixture(ethers: HardhatEthers): Promise<VenueWorld> {
  const world = await deployDexWorld(ethers);
  const [governance, allocator, lp, trader, attacker] = await ethers.getSigners();
  const holders = [allocator, lp, trader, attacker];
  const token = await deployTestToken(ethers, "TKN", 18, holders, TOKEN_BALANCE);
  for (const holder of holders) await wrapEth(world, holder, WETH_BALANCE);
  const [tokenAddress, baseAddress] = [await token.getAddress(), await world.weth.getAddress()];

  const { pair: uniswapPair } = await addV2Liquidity(world.uniswap, token, SEED_TOKEN, world.weth, SEED_BASE, lp);
  const { pair: sushiPair } = await addV2Liquidity(world.sushiswap, token, SEED_TOKEN, world.weth, SEED_BASE, lp);
  const balancerPool = await createWeightedPool(
    world.balancer,
    [
      { token: tokenAddress, weight: BALANCER_ONE / 2n },
      { token: baseAddress, weight: BALANCER_ONE / 2n },
    ],
    BALANCER_SWAP_FEE,
    lp,
  );
  await joinWeightedPool(world.balancer, balancerPool, lp, [
    { token: tokenAddress, amount: SEED_TOKEN },
    { token: baseAddress, amount: SEED_BASE },
  ]);

  const roles = await ethers.deployContract("ProtocolRoles", [governance.address]);
  const uniswapAdapter = await ethers.deployContract("UniswapV2StyleAdapter", [
    allocator.address,
    await world.uniswap.factory.getAddress(),
  ]);
  const sushiAdapter = await ethers.deployContract("UniswapV2StyleAdapter", [
    allocator.address,
    await world.sushiswap.factory.getAddress(),
  ]);
  const balancerAdapter = await ethers.deployContract("BalancerV2WeightedAdapter", [
    allocator.address,
    await world.balancer.vault.getAddress(),
    await world.balancer.weightedPoolFactory.contract.getAddress(),
    await roles.getAddress(),
  ]);
  await (await balancerAdapter.connect(governance).registerPool(tokenAddress, baseAddress, balancerPool.poolId)).wait();
  for (const adapter of [uniswapAdapter, sushiAdapter, balancerAdapter]) {
    await (await token.connect(allocator).approve(adapter, TOKEN_BALANCE)).wait();
    await (await world.weth.connect(allocator).approve(adapter, WETH_BALANCE)).wait();
  }

  const oracle = await ethers.deployContract("TwapOracle", [
    await world.uniswap.factory.getAddress(),
    await roles.getAddress(),
    MIN_WINDOW,
    MAX_WINDOW,
    MAX_FEED_AGE,
  ]);
  await (await oracle.track(tokenAddress, baseAddress)).wait();

  return {
    world,
    roles,
    governance,
    allocator,
    lp,
    trader,
    attacker,
    token,
    tokenAddress,
    baseAddress,
    uniswapPair,
    sushiPair,
    balancerPool,
    uniswapAdapter,
    sushiAdapter,
    balancerAdapter,
    oracle,
  };
}

/** The V2 venue, pair and adapter of a venue world by name. */
export function v2Venue(v: VenueWorld, name: "uniswap" | "sushiswap"): { venue: V2Venue; pair: V2Pair; adapter: UniswapV2StyleAdapter } {
  return name === "uniswap"
    ? { venue: v.world.uniswap, pair: v.uniswapPair, adapter: v.uniswapAdapter }
    : { venue: v.world.sushiswap, pair: v.sushiPair, adapter: v.sushiAdapter };
}

/** A reserves ratio as a Q112 price: raw `base` per raw `token`. */
export function priceX112(tokenReserve: bigint, baseReserve: bigint): bigint {
  return (baseReserve * Q112) / tokenReserve;
}

/** floor(sqrt(x)) on bigints. */
export function sqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r -= 1n;
  while ((r + 1n) * (r + 1n) <= x) r += 1n;
  return r;
}

/** `amount` less `bps` basis points, rounded down: a minimum amount for a move. */
export function lessBps(amount: bigint, bps: bigint): bigint {
  return (amount * (BPS - bps)) / BPS;
}

export async function latestTimestamp(ethers: HardhatEthers): Promise<bigint> {
  const block = await ethers.provider.getBlock("latest");
  if (block === null) throw new Error("no latest block");
  return BigInt(block.timestamp);
}
