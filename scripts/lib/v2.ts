import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Contract, type ContractRunner, type ContractTransactionResponse } from "ethers";
import { npmArtifacts } from "./artifacts.js";
import type { Erc20, V2Pair } from "./dex-types.js";
import type { V2Venue } from "./dex-world.js";
import { erc20At } from "./tokens.js";

/** Uniswap V2 and SushiSwap both charge 0.3%: 997/1000 of the input counts toward the swap. */
export const V2_FEE_NUMERATOR = 997n;
export const V2_FEE_DENOMINATOR = 1000n;
/** Seconds a helper transaction stays valid (router deadline). */
export const TX_DEADLINE_SECONDS = 3600n;

/** What a swap helper did: the output received and the gas of the swap transaction(s). */
export interface SwapResult {
  readonly amountOut: bigint;
  readonly gasUsed: bigint;
}

/** The constant-product output for an exact input, as UniswapV2Library.getAmountOut. */
export function v2AmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const inWithFee = amountIn * V2_FEE_NUMERATOR;
  return (inWithFee * reserveOut) / (reserveIn * V2_FEE_DENOMINATOR + inWithFee);
}

export function v2PairAt(address: string, runner: ContractRunner): V2Pair {
  // Sushi's pair is Uniswap's code with a migrator hook: Uniswap's ABI covers what we call.
  return new Contract(address, npmArtifacts.uniswapV2Pair().abi, runner) as unknown as V2Pair;
}

/** Waits for `tx` and returns the gas it used. */
export async function gasOf(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error(`no receipt for ${tx.hash}`);
  return receipt.gasUsed;
}

export async function deadline(runner: HardhatEthersSigner): Promise<bigint> {
  const block = await runner.provider?.getBlock("latest");
  if (block == null) throw new Error("no latest block");
  return BigInt(block.timestamp) + TX_DEADLINE_SECONDS;
}

/** Reserves of `pair` ordered as (tokenIn side, other side). */
export async function v2Reserves(
  pair: V2Pair,
  tokenIn: Erc20,
): Promise<{ reserveIn: bigint; reserveOut: bigint }> {
  const [reserve0, reserve1] = await pair.getReserves();
  const inIsToken0 = (await pair.token0()) === (await tokenIn.getAddress());
  return inIsToken0
    ? { reserveIn: reserve0, reserveOut: reserve1 }
    : { reserveIn: reserve1, reserveOut: reserve0 };
}

/** Returns the venue's pair for two tokens, creating it through the factory if needed. */
export async function getOrCreateV2Pair(venue: V2Venue, tokenA: Erc20, tokenB: Erc20) {
  const [a, b] = [await tokenA.getAddress(), await tokenB.getAddress()];
  const runner = venue.factory.runner;
  if (runner === null) throw new Error(`${venue.name} factory has no runner`);
  let address = await venue.factory.getPair(a, b);
  if (BigInt(address) === 0n) {
    await (await venue.factory.createPair(a, b)).wait();
    address = await venue.factory.getPair(a, b);
  }
  return v2PairAt(address, runner);
}

/**
 * Adds exactly `amountA` + `amountB` to the pair (created if missing) and returns the LP tokens
 * minted to `lp`. Uniswap goes through Router02 with minimums equal to the amounts (so an
 * off-ratio add reverts instead of being trimmed); Sushi transfers to the pair and mints.
 */
export async function addV2Liquidity(
  venue: V2Venue,
  tokenA: Erc20,
  amountA: bigint,
  tokenB: Erc20,
  amountB: bigint,
  lp: HardhatEthersSigner,
): Promise<{ pair: V2Pair; liquidity: bigint }> {
  const pair = (await getOrCreateV2Pair(venue, tokenA, tokenB)).connect(lp);
  const before = await pair.balanceOf(lp.address);
  const [a, b] = [tokenA.connect(lp), tokenB.connect(lp)];
  if (venue.router !== undefined) {
    const router = venue.router.connect(lp);
    await (await a.approve(router, amountA)).wait();
    await (await b.approve(router, amountB)).wait();
    await (
      await router.addLiquidity(a, b, amountA, amountB, amountA, amountB, lp, await deadline(lp))
    ).wait();
  } else {
    await (await a.transfer(pair, amountA)).wait();
    await (await b.transfer(pair, amountB)).wait();
    await (await pair.mint(lp)).wait();
  }
  return { pair, liquidity: (await pair.balanceOf(lp.address)) - before };
}

/**
 * Swaps exactly `amountIn` of `tokenIn` for the pair's other token and returns what `trader`
 * received. Uniswap: Router02.swapExactTokensForTokens. Sushi: the constant-product output is
 * computed from the reserves, the input transferred to the pair, and pair.swap called, as a
 * router (or our venue adapter) does. `gasUsed` counts the swap (for Sushi: transfer + swap,
 * which an adapter contract would do in one transaction), not the approval.
 */
export async function swapV2(
  venue: V2Venue,
  pair: V2Pair,
  tokenIn: Erc20,
  amountIn: bigint,
  trader: HardhatEthersSigner,
  minAmountOut = 0n,
): Promise<SwapResult> {
  const inAddress = await tokenIn.getAddress();
  const token0 = await pair.token0();
  const outAddress = token0 === inAddress ? await pair.token1() : token0;
  const tokenOut = erc20At(outAddress, trader);
  const before = await tokenOut.balanceOf(trader.address);
  const input = tokenIn.connect(trader);
  let gasUsed = 0n;
  if (venue.router !== undefined) {
    const router = venue.router.connect(trader);
    await (await input.approve(router, amountIn)).wait();
    const path = [inAddress, outAddress];
    const tx = await router.swapExactTokensForTokens(
      amountIn,
      minAmountOut,
      path,
      trader,
      await deadline(trader),
    );
    gasUsed = await gasOf(tx);
  } else {
    const { reserveIn, reserveOut } = await v2Reserves(pair, tokenIn);
    const amountOut = v2AmountOut(amountIn, reserveIn, reserveOut);
    if (amountOut < minAmountOut) throw new Error(`swapV2: ${amountOut} < min ${minAmountOut}`);
    const [out0, out1] = token0 === inAddress ? [0n, amountOut] : [amountOut, 0n];
    gasUsed = await gasOf(await input.transfer(pair, amountIn));
    gasUsed += await gasOf(await pair.connect(trader).swap(out0, out1, trader, "0x"));
  }
  return { amountOut: (await tokenOut.balanceOf(trader.address)) - before, gasUsed };
}

/** Burns `liquidity` LP tokens of `lp` (transfer to the pair + burn) and returns what came back. */
export async function removeV2Liquidity(
  pair: V2Pair,
  liquidity: bigint,
  lp: HardhatEthersSigner,
): Promise<{ amount0: bigint; amount1: bigint }> {
  const p = pair.connect(lp);
  const [t0, t1] = [erc20At(await p.token0(), lp), erc20At(await p.token1(), lp)];
  const [before0, before1] = [await t0.balanceOf(lp.address), await t1.balanceOf(lp.address)];
  await (await p.transfer(p, liquidity)).wait();
  await (await p.burn(lp)).wait();
  return {
    amount0: (await t0.balanceOf(lp.address)) - before0,
    amount1: (await t1.balanceOf(lp.address)) - before1,
  };
}
