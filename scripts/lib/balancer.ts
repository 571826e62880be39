import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { AbiCoder, Contract, ZeroAddress, hexlify, randomBytes } from "ethers";
import { npmArtifacts } from "./artifacts.js";
import { SwapKind, type BalancerVault, type WeightedPool } from "./dex-types.js";
import type { BalancerWorld } from "./dex-world.js";
import { erc20At } from "./tokens.js";
import { deadline, gasOf, type SwapResult } from "./v2.js";

/** Balancer fixed point: 1e18 is 1.0 (weights, swap fees). */
export const BALANCER_ONE = 10n ** 18n;

/** WeightedPoolUserData.JoinKind and ExitKind values used here. */
const JOIN_INIT = 0n;
const JOIN_EXACT_TOKENS_IN_FOR_BPT_OUT = 1n;
const EXIT_EXACT_BPT_IN_FOR_TOKENS_OUT = 1n;

const abi = AbiCoder.defaultAbiCoder();

export interface TokenWeight {
  readonly token: string;
  /** Normalised weight, 1e18 = 100%; the weights of a pool sum to 1e18. */
  readonly weight: bigint;
}

export interface TokenAmount {
  readonly token: string;
  readonly amount: bigint;
}

export interface WeightedPoolHandle {
  readonly pool: WeightedPool;
  readonly poolId: string;
  /** The pool's tokens in the Vault's order (ascending address). */
  readonly tokens: readonly string[];
}

function sortByAddress<T extends { token: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => (BigInt(x.token) < BigInt(y.token) ? -1 : 1));
}

/** Orders `amounts` like the pool's tokens; a token left out gets 0. */
function amountsInPoolOrder(handle: WeightedPoolHandle, amounts: readonly TokenAmount[]): bigint[] {
  return handle.tokens.map(
    (token) => amounts.find((a) => BigInt(a.token) === BigInt(token))?.amount ?? 0n,
  );
}

/**
 * Creates a weighted pool through the world's factory (tokens sorted for the Vault, no rate
 * providers) and returns it with its pool id.
 */
export async function createWeightedPool(
  balancer: BalancerWorld,
  tokens: readonly TokenWeight[],
  swapFeePercentage: bigint,
  owner: HardhatEthersSigner,
  name = "Reactor test weighted pool",
  symbol = "RTWP",
): Promise<WeightedPoolHandle> {
  const sorted = sortByAddress(tokens);
  const addresses = sorted.map((t) => t.token);
  const weights = sorted.map((t) => t.weight);
  const rateProviders = sorted.map(() => ZeroAddress);
  const factory = balancer.weightedPoolFactory;
  const tx =
    factory.version === 3
      ? await factory.contract.create(
          name,
          symbol,
          addresses,
          weights,
          rateProviders,
          swapFeePercentage,
          owner,
        )
      : await factory.contract.create(
          name,
          symbol,
          addresses,
          weights,
          rateProviders,
          swapFeePercentage,
          owner,
          hexlify(randomBytes(32)),
        );
  const receipt = await tx.wait();
  const created = receipt?.logs
    .map((log) => factory.contract.interface.parseLog(log))
    .find((event) => event?.name === "PoolCreated");
  if (created == null) throw new Error("weighted pool factory emitted no PoolCreated");
  const poolAddress = String(created.args[0]);
  const pool = new Contract(
    poolAddress,
    npmArtifacts.balancerWeightedPool().abi,
    owner,
  ) as unknown as WeightedPool;
  return { pool, poolId: await pool.getPoolId(), tokens: addresses };
}

async function approveVault(
  vault: BalancerVault,
  from: HardhatEthersSigner,
  token: string,
  amount: bigint,
) {
  if (amount > 0n) await (await erc20At(token, from).approve(vault, amount)).wait();
}

/**
 * Adds liquidity: the first join initialises the pool (JoinKind.INIT, which also mints the
 * Vault's minimum BPT to the zero address); later joins are EXACT_TOKENS_IN_FOR_BPT_OUT.
 * Returns the BPT `lp` received.
 */
export async function joinWeightedPool(
  balancer: BalancerWorld,
  handle: WeightedPoolHandle,
  lp: HardhatEthersSigner,
  amounts: readonly TokenAmount[],
  minBptOut = 0n,
): Promise<bigint> {
  const amountsIn = amountsInPoolOrder(handle, amounts);
  const vault = balancer.vault.connect(lp);
  for (const [i, token] of handle.tokens.entries())
    await approveVault(vault, lp, token, amountsIn[i]);
  const init = (await handle.pool.totalSupply()) === 0n;
  const userData = init
    ? abi.encode(["uint256", "uint256[]"], [JOIN_INIT, amountsIn])
    : abi.encode(
        ["uint256", "uint256[]", "uint256"],
        [JOIN_EXACT_TOKENS_IN_FOR_BPT_OUT, amountsIn, minBptOut],
      );
  const before = await handle.pool.balanceOf(lp.address);
  const request = {
    assets: [...handle.tokens],
    maxAmountsIn: amountsIn,
    userData,
    fromInternalBalance: false,
  };
  await (await vault.joinPool(handle.poolId, lp, lp, request)).wait();
  return (await handle.pool.balanceOf(lp.address)) - before;
}

/** Swaps exactly `amountIn` through Vault.swap (GIVEN_IN): what `trader` received, and the gas. */
export async function swapBalancer(
  balancer: BalancerWorld,
  handle: WeightedPoolHandle,
  tokenIn: string,
  tokenOut: string,
  amountIn: bigint,
  trader: HardhatEthersSigner,
  minAmountOut = 0n,
): Promise<SwapResult> {
  const vault = balancer.vault.connect(trader);
  await approveVault(vault, trader, tokenIn, amountIn);
  const out = erc20At(tokenOut, trader);
  const before = await out.balanceOf(trader.address);
  const singleSwap = {
    poolId: handle.poolId,
    kind: SwapKind.GivenIn,
    assetIn: tokenIn,
    assetOut: tokenOut,
    amount: amountIn,
    userData: "0x",
  };
  const funds = {
    sender: trader,
    fromInternalBalance: false,
    recipient: trader,
    toInternalBalance: false,
  };
  const gasUsed = await gasOf(
    await vault.swap(singleSwap, funds, minAmountOut, await deadline(trader)),
  );
  return { amountOut: (await out.balanceOf(trader.address)) - before, gasUsed };
}

/**
 * Burns `bptIn` for a proportional share of every token (EXACT_BPT_IN_FOR_TOKENS_OUT) and
 * returns the amounts received, in the pool's token order.
 */
export async function exitWeightedPool(
  balancer: BalancerWorld,
  handle: WeightedPoolHandle,
  lp: HardhatEthersSigner,
  bptIn: bigint,
  minAmountsOut: readonly TokenAmount[] = [],
): Promise<bigint[]> {
  const vault = balancer.vault.connect(lp);
  const tokens = handle.tokens.map((t) => erc20At(t, lp));
  const before = await Promise.all(tokens.map((t) => t.balanceOf(lp.address)));
  const request = {
    assets: [...handle.tokens],
    minAmountsOut: amountsInPoolOrder(handle, minAmountsOut),
    userData: abi.encode(["uint256", "uint256"], [EXIT_EXACT_BPT_IN_FOR_TOKENS_OUT, bptIn]),
    toInternalBalance: false,
  };
  await (await vault.exitPool(handle.poolId, lp, lp, request)).wait();
  const after = await Promise.all(tokens.map((t) => t.balanceOf(lp.address)));
  return after.map((balance, i) => balance - before[i]);
}
