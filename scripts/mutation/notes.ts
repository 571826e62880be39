// One line per surviving mutant that is argued equivalent (or killed by a test added since the
// last full run), keyed by `noteKey` in report.ts: "<file> | <original line> | <mutated line>".
export const notes: Record<string, string> = {
  "LiquidityMathLib.sol | b = Math.sqrt(bReserve * Math.mulDiv(aReserve, priceX112, Q112)); | b = Math.sqrt(bReserve * Math.mulDiv(aReserve, priceX112, Q112, Math.Rounding.Ceil));":
    "Equivalent in effect: rounding the inner product up adds < bReserve under the square root, which moves sqrt(bReserve * aReserve * p) by < 1/2 wei at the pool's own price, so the fair base reserve (then scaled down by held/supply) changes by at most 1 wei; no consumer's rule depends on the direction of that rounding (the fee and cover sizing allow a few wei, see test/integration/properties/allocator.ts).",
};
