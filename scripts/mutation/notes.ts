// One line per surviving mutant that is argued equivalent (or killed by a test added since the
// last full run), keyed by `noteKey` in report.ts: "<file> | <original line> | <mutated line>".
export const notes: Record<string, string> = {
  "Reactor.sol | if (a.request.shares == 0 || matured >= _ledger.index.cycle) return (true, a); | if (a.request.shares == 0 || matured > _ledger.index.cycle) return (true, a);":
    "Equivalent in effect: at matured == the current cycle no maturity is recorded yet (ReactorAccounts writes _maturities[c] when c closes, and the index then moves on), so coveredAtOnce reads false and the mutant hands the account to the module's general path, which returns the same unmatured request (only gas differs).",
  "AllocationMathLib.sol | if (idle >= owed) return 0; | if (idle > owed) return 0;":
    "Equivalent: at idle == owed the mutant goes on to mulDiv(owed - idle = 0, ..) = 0, the same 0 the guard returns.",
  "LiquidityAllocator.sol | totalWeight == 0 ? 0 : Math.mulDiv(deployable, weights[i], totalWeight); | totalWeight == 0 ? 0 : Math.mulDiv(deployable, weights[i], totalWeight, Math.Rounding.Ceil);":
    "Equivalent in effect: each venue's deploy target rises by < 1 wei (at most MAX_VENUES_PER_REACTOR wei over the deployable amount), below the allocator's minimum move, and _deploy caps every move at the Reactor's free (unreserved) assets, so no reserved asset can be deployed by it.",
  "LiquidityMathLib.sol | b = Math.sqrt(bReserve * Math.mulDiv(aReserve, priceX112, Q112)); | b = Math.sqrt(bReserve * Math.mulDiv(aReserve, priceX112, Q112, Math.Rounding.Ceil));":
    "Equivalent in effect: rounding the inner product up adds < bReserve under the square root, which moves sqrt(bReserve * aReserve * p) by < 1/2 wei at the pool's own price, so the fair base reserve (then scaled down by held/supply) changes by at most 1 wei; no consumer's rule depends on the direction of that rounding (the fee and cover sizing allow a few wei, see test/integration/properties/allocator.ts).",
  "LiquidityMathLib.sol | if (bForAllOfA <= bDesired) return (aDesired, bForAllOfA); | if (bForAllOfA < bDesired) return (aDesired, bForAllOfA);":
    "Killed by a test added after the run: test/solidity/properties/LiquidityMathLib.t.sol test_proportionalAmounts_whenBJustSufficesUsesAllOfA (3 a : 2 b offering 4 a and 2 b: the mutant scales a down to 3 where the router's rule uses all 4).",
  "LiquidityAllocator.sol | if (value <= principalValue) return 0; | if (value < principalValue) return 0;":
    "Equivalent: at value == principalValue the mutant goes on to mulDiv(held, 0, value) = 0, the same 0 liquidity the guard returns.",
  "EmissionController.sol | lpReward = EmissionMathLib.share(r.budget, s.lpWeight, cur.weight); | lpReward = EmissionMathLib.share(s.lpWeight, r.budget, cur.weight);":
    "Equivalent: share(budget, part, total) is budget * part / total, symmetric in its first two arguments.",
  "EmissionMathLib.sol | return v > MAX_VALUE ? MAX_VALUE : v; | return v >= MAX_VALUE ? MAX_VALUE : v;":
    "Equivalent: at v == MAX_VALUE both branches return MAX_VALUE.",
  "LiquidityMathLib.sol | a = Math.sqrt(aReserve * Math.mulDiv(bReserve, Q112, priceX112)); | a = Math.sqrt(aReserve * Math.mulDiv(bReserve, Q112, priceX112, Math.Rounding.Ceil));":
    "Equivalent in effect, as its twin on the next line: rounding the inner quotient up adds < aReserve under the square root, moving the fair token reserve by at most 1 wei before it is scaled down by held/supply.",
  "CycleLedgerLib.sol | if (accrued != r.accrued || (hasActive && r.snapshot != idx.rewardPerUnit)) { | if (accrued == r.accrued || (hasActive && r.snapshot != idx.rewardPerUnit)) {":
    'Killed by a test added after the run: test/integration/properties/ldstaking.ts "rewards booked by a stake change after the settle, then claimed twice, are paid exactly once" (the mutant skips zeroing the booked rewards on the claim, so the second claim pays them again).',
  "EmissionController.sol | if (stakeValue > EmissionMathLib.MAX_VALUE) stakeValue = EmissionMathLib.MAX_VALUE; | if (stakeValue >= EmissionMathLib.MAX_VALUE) stakeValue = EmissionMathLib.MAX_VALUE;":
    "Equivalent: at stakeValue == MAX_VALUE the mutant assigns the value it already has.",
  "VoteTallyLib.sol | } else if (before > next) { | } else if (before >= next) {":
    "Equivalent in effect: at before == next the mutant calls _change with all four deltas zero, which leaves every tally value as it was.",
  "FeeDistributor.sol | uint256 before = _valueOf(b.units, b.rate); | uint256 before = _valueOf(b.rate, b.units);":
    "Equivalent: _valueOf(units, rate) is mulDiv(units, rate, WAD, Ceil), symmetric in its first two arguments.",
  "AllocationMathLib.sol | return principal > fair ? principal - fair : 0; | return principal >= fair ? principal - fair : 0;":
    "Equivalent: at principal == fair the mutant returns principal - fair = 0, the same 0.",
  "LiquidityAllocator.sol | if (current > target && current - target > minMove) { | if (current >= target && current - target > minMove) {":
    "Equivalent: at current == target the second term is 0 > minMove, false for every minMove, as the original's first term is.",
  "EmissionMathLib.sol | uint256 thinner = a < t ? a : t; | uint256 thinner = a <= t ? a : t;":
    "Equivalent: at a == t both branches pick the same value.",
  "PricerPool.sol | revert PricerPoolQuoteExhausted(t.assetAmount, quote.size - _min(filled, quote.size)); | revert PricerPoolQuoteExhausted(t.assetAmount, quote.size - _min(quote.size, filled));":
    "Equivalent: _min is symmetric in its arguments.",
  "AllocatorWaterfall.sol | Math.Rounding.Ceil | Math.Rounding.Floor":
    "Not strictly equivalent, bounded to 1 wei of TOKE: the slash is already grossed up by BPS / (BPS - slippageBps) over the TOKE the TWAP needs, so rounding that down slashes at most 1 wei of TOKE less, and any part the sale then misses (covered = min(out, missing)) passes to the next waterfall step.",
};
