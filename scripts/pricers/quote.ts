// Pricer quotes: the EIP-712 type a PricerPool checks, signing, and the fill maths the pool
// applies (so a taker or the bot can size a fill and its minimum out before sending it).
import type { Signer, TypedDataDomain } from "ethers";
import type { PricerPool } from "../../typechain-types/index.js";

/** Raw base per raw asset, 1e18-scaled (the pool's price unit). */
export const PRICE_SCALE = 10n ** 18n;
export const BPS = 10_000n;

/** Bid: the pool buys the asset; Ask: the pool sells it (IPricerPool.Side). */
export const Side = { Bid: 0, Ask: 1 } as const;
export type SideValue = (typeof Side)[keyof typeof Side];

/** IPricerPool.Quote. */
export interface Quote {
  pricer: string;
  side: SideValue;
  price: bigint;
  size: bigint;
  expiry: bigint;
  nonce: bigint;
}

export const QUOTE_TYPES = {
  Quote: [
    { name: "pricer", type: "address" },
    { name: "side", type: "uint8" },
    { name: "price", type: "uint256" },
    { name: "size", type: "uint256" },
    { name: "expiry", type: "uint256" },
    { name: "nonce", type: "uint256" },
  ],
};

/** The pool's EIP-712 domain; `overrides` forge another chain or contract (attack tests). */
export async function poolDomain(
  pool: PricerPool,
  overrides: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<TypedDataDomain> {
  const network = await pool.runner!.provider!.getNetwork();
  return {
    name: "Reactor PricerPool",
    version: "1",
    chainId: overrides.chainId ?? network.chainId,
    verifyingContract: overrides.verifyingContract ?? (await pool.getAddress()),
  };
}

/** The pricer's EIP-712 signature of `quote` for `pool`. */
export async function signQuote(
  pricer: Signer,
  pool: PricerPool,
  quote: Quote,
  overrides: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<string> {
  return pricer.signTypedData(await poolDomain(pool, overrides), QUOTE_TYPES, quote);
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** An ask fill of `baseIn` (fee included): asset out and fee, rounded as the pool rounds. */
export function askFill(price: bigint, baseIn: bigint, feeBps: bigint) {
  const fee = ceilDiv(baseIn * feeBps, BPS);
  return { assetOut: ((baseIn - fee) * PRICE_SCALE) / price, fee };
}

/** A bid fill of `assetIn`: gross base, fee and base out, rounded as the pool rounds. */
export function bidFill(price: bigint, assetIn: bigint, feeBps: bigint) {
  const gross = (assetIn * price) / PRICE_SCALE;
  const fee = ceilDiv(gross * feeBps, BPS);
  return { gross, fee, baseOut: gross - fee };
}

/** The band [low, high] of `bandBps` around `reference` (low rounded up, high down). */
export function bandAround(reference: bigint, bandBps: bigint) {
  return {
    low: ceilDiv(reference * (BPS - bandBps), BPS),
    high: (reference * (BPS + bandBps)) / BPS,
  };
}
