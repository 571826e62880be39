// USD prices for reports and the status command, read from Uniswap V2 pools (USDC = $1).
// Spot reserves can be moved within a block: fine for a dashboard, never for protocol decisions
// (those use the TWAP oracle of the venues part).
import { formatUnits } from "ethers";
import type { Erc20 } from "./dex-types.js";
import type { DexWorld } from "./dex-world.js";
import { v2PairAt } from "./v2.js";

/** Price of one whole token in USD, by asset address (lower case). */
export type PriceBook = ReadonlyMap<string, number>;

async function spot(world: DexWorld, token: Erc20, quote: Erc20): Promise<number | undefined> {
  const [t, q] = [await token.getAddress(), await quote.getAddress()];
  const pairAddress = await world.uniswap.factory.getPair(t, q);
  if (BigInt(pairAddress) === 0n) return undefined;
  const pair = v2PairAt(pairAddress, world.uniswap.factory.runner!);
  const [r0, r1] = await pair.getReserves();
  if (r0 === 0n || r1 === 0n) return undefined;
  const tokenIs0 = (await pair.token0()).toLowerCase() === t.toLowerCase();
  const [rt, rq] = tokenIs0 ? [r0, r1] : [r1, r0];
  const [dt, dq] = [Number(await token.decimals()), Number(await quote.decimals())];
  return Number(formatUnits(rq, dq)) / Number(formatUnits(rt, dt));
}

/**
 * Prices of `assets` (symbol -> token): USDC is $1, WETH through the WETH/USDC pool, any other
 * asset through its USDC pool or else its WETH pool. Assets without a pool are left out.
 */
export async function dexPrices(
  world: DexWorld | undefined,
  assets: Readonly<Record<string, Erc20>>,
): Promise<PriceBook> {
  const prices = new Map<string, number>();
  const usdc = assets.USDC;
  const weth = assets.WETH;
  if (usdc === undefined) return prices;
  prices.set((await usdc.getAddress()).toLowerCase(), 1);
  if (world === undefined) return prices;
  const wethUsd = weth === undefined ? undefined : await spot(world, weth, usdc);
  if (weth !== undefined && wethUsd !== undefined)
    prices.set((await weth.getAddress()).toLowerCase(), wethUsd);
  for (const [symbol, token] of Object.entries(assets)) {
    if (symbol === "USDC" || symbol === "WETH") continue;
    let usd = await spot(world, token, usdc);
    if (usd === undefined && weth !== undefined && wethUsd !== undefined) {
      const inWeth = await spot(world, token, weth);
      if (inWeth !== undefined) usd = inWeth * wethUsd;
    }
    if (usd !== undefined) prices.set((await token.getAddress()).toLowerCase(), usd);
  }
  return prices;
}

/** `amount` (in `decimals` units) in USD, or undefined without a price. */
export function usdValue(prices: PriceBook, asset: string, amount: bigint, decimals: number) {
  const price = prices.get(asset.toLowerCase());
  return price === undefined ? undefined : Number(formatUnits(amount, decimals)) * price;
}
