// How amounts, rates, shares and durations print: for people, in human units (never raw wei),
// shared by the keeper, the deploy, the demo's report and the bench.
import { formatUnits } from "ethers";
import pc from "picocolors";

export const DASH = pc.dim("–");

/** A token amount with thousands separators and at most `digits` decimals. */
export function fmtAmount(amount: bigint, decimals: number, digits = 2): string {
  return Number(formatUnits(amount, decimals)).toLocaleString("en-US", {
    maximumFractionDigits: digits,
  });
}
export const fmtUsd = (usd: number | null | undefined) =>
  usd === null || usd === undefined
    ? DASH
    : `$${usd.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
export const fmtPct = (x: number | null | undefined) =>
  x === null || x === undefined ? DASH : `${(x * 100).toFixed(2)}%`;
/** Fixed point of a Reactor's rate (assets per tAsset). */
export const RATE_ONE = 10n ** 18n;
export const fmtRate = (rate: bigint) => (Number(rate) / Number(RATE_ONE)).toFixed(6);

/** "3d 4h 5m" for a number of seconds. */
export function fmtDuration(seconds: bigint): string {
  let s = seconds < 0n ? -seconds : seconds;
  const d = s / 86_400n;
  s %= 86_400n;
  const h = s / 3600n;
  const m = (s % 3600n) / 60n;
  const parts = [d > 0n ? `${d}d` : "", h > 0n ? `${h}h` : "", `${m}m`].filter((p) => p !== "");
  return parts.join(" ");
}

/** The price feed's scale: TOKE wei per asset wei, times 1e18. */
const FEED_DECIMALS = 36;

/** A price-feed value (TOKE wei per asset wei x 1e18) as TOKE per whole asset. */
export function fmtFeedPrice(value: bigint, assetDecimals: number, digits = 6): string {
  const perWhole = Number(formatUnits(value * 10n ** BigInt(assetDecimals), FEED_DECIMALS));
  return `${perWhole.toLocaleString("en-US", { maximumSignificantDigits: digits })} TOKE`;
}
