// How amounts, rates, shares and durations print: for people, in human units (never raw wei),
// shared by the keeper, the deploy, the demo's report and the bench.
import { formatUnits } from "ethers";
import pc from "picocolors";

export const DASH = pc.dim("–");

/**
 * A token amount with thousands separators and at most `digits` decimals; an amount that is not
 * zero but would round to 0 keeps 3 significant digits instead (small fees stay readable).
 */
export function fmtAmount(amount: bigint, decimals: number, digits = 2): string {
  const value = Number(formatUnits(amount, decimals));
  const tiny = amount !== 0n && Math.abs(value) < 10 ** -digits;
  return value.toLocaleString(
    "en-US",
    tiny
      ? { maximumSignificantDigits: SMALL_SIGNIFICANT_DIGITS }
      : { maximumFractionDigits: digits },
  );
}

/** Significant digits kept for amounts and values below the usual precision. */
const SMALL_SIGNIFICANT_DIGITS = 3;

/** US dollars: whole dollars from $100, cents below, and 2 significant digits under a dollar. */
export const fmtUsd = (usd: number | null | undefined) => {
  if (usd === null || usd === undefined) return DASH;
  const abs = Math.abs(usd);
  const options =
    abs >= 100
      ? { maximumFractionDigits: 0 }
      : abs >= 1 || abs === 0
        ? { maximumFractionDigits: 2 }
        : { maximumSignificantDigits: 2 };
  return `$${usd.toLocaleString("en-US", options)}`;
};
export const fmtPct = (x: number | null | undefined) =>
  x === null || x === undefined ? DASH : `${(x * 100).toFixed(2)}%`;
/** Fixed point of a Reactor's rate (assets per tAsset). */
export const RATE_ONE = 10n ** 18n;
/** Basis points as a percentage with two decimals: 10,000 -> "100.00%". */
export const fmtBps = (bps: number) => `${(bps / 100).toFixed(2)}%`;

/** A Reactor's coverage and its run of fully covered cycles against K: "100.00% (3/4)". */
export const fmtCoverage = (coverage: { bps: number; streak: number } | null, k: number) =>
  coverage === null ? null : `${fmtBps(coverage.bps)} (${coverage.streak}/${k})`;

/** The singularity in words: reached or not, K, overall coverage and the Reactors at K. */
export function fmtSingularity(s: {
  cycles: number;
  overallBps: number;
  reached: boolean;
  reactorsReached: readonly string[];
}): string {
  const each = s.reactorsReached.length === 0 ? "none" : s.reactorsReached.join(", ");
  return `overall coverage ${fmtBps(s.overallBps)}; singularity ${s.reached ? "reached" : "not reached"} (every Reactor covered ${s.cycles} cycles in a row, K = ${s.cycles}); Reactors covered ${s.cycles} cycles: ${each}`;
}
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
