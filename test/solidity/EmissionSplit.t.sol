// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "./utils/Vm.sol";
import {EmissionMathLib} from "../../contracts/libraries/EmissionMathLib.sol";

/// @notice Fuzz tests of a whole emission round as EmissionController and LDStaking compute it
///         (docs/emissions.md): random assets, prices, stakes when the weights were fixed, stakes
///         that earn in the paid cycle, pooled TOKE, coverage, F and K. Checked: the LD reward per
///         staked TOKE of every Reactor is at most K times the round's average LD rate; what is
///         booked, carried and cut never exceeds the budget; the coverage curve is bounded and
///         monotone.
contract EmissionSplitTest is TestBase {
    uint256 private constant N = 4;
    uint256 private constant BPS = EmissionMathLib.BPS;
    uint256 private constant RATE_SCALE = EmissionMathLib.RATE_SCALE;
    uint256 private constant MAX_TOKE = 1e27; // 1e9 TOKE: ten times the supply
    uint256 private constant MAX_ASSET = type(uint112).max;

    struct Round {
        uint256 budget;
        uint256 floorBps;
        uint256 capBps;
        uint256 cutBps;
        uint256 pooled;
        uint256[N] assets;
        uint256[N] prices;
        uint256[N] stakeThen;
        uint256[N] stakeNow;
        uint256[N] coverageBps;
    }

    struct Outcome {
        uint256 ldTotal;
        uint256 stakeSum;
        uint256 paid;
        uint256[N] ldBooked;
    }

    function _bound(Round memory r) private pure {
        r.budget = bound(r.budget, 0, 1e30);
        r.floorBps = bound(r.floorBps, 0, 9_000);
        r.capBps = bound(r.capBps, 10_000, 100_000);
        r.cutBps = bound(r.cutBps, 0, BPS);
        r.pooled = bound(r.pooled, 0, MAX_TOKE);
        for (uint256 i; i < N; ++i) {
            r.assets[i] = bound(r.assets[i], 0, MAX_ASSET);
            r.prices[i] = bound(r.prices[i], 0, EmissionMathLib.MAX_PRICE);
            r.stakeThen[i] = bound(r.stakeThen[i], 0, MAX_TOKE);
            r.stakeNow[i] = bound(r.stakeNow[i], 0, MAX_TOKE);
            r.coverageBps[i] = bound(r.coverageBps[i], 0, BPS);
        }
    }

    /// @dev The round: weights from the values when the cycle started, paid over the stake that
    ///      earns in it, capped per Reactor, the LP side cut for coverage.
    function _play(Round memory r) private pure returns (Outcome memory o) {
        uint256[N] memory lpW;
        uint256[N] memory ldW;
        uint256 total;
        uint256 ldWeightSum;
        for (uint256 i; i < N; ++i) {
            uint256 a = EmissionMathLib.value(r.assets[i], r.prices[i]);
            uint256 w;
            (w, lpW[i], ldW[i]) = EmissionMathLib.weights(a, r.stakeThen[i], r.floorBps);
            total += w;
            ldWeightSum += ldW[i];
            o.stakeSum += r.stakeThen[i];
        }
        o.ldTotal = EmissionMathLib.share(r.budget, ldWeightSum, total);
        uint256 maxRate = EmissionMathLib.maxLdRate(o.ldTotal, r.capBps, o.stakeSum, r.pooled);
        for (uint256 i; i < N; ++i) {
            uint256 lp = EmissionMathLib.share(r.budget, lpW[i], total);
            uint256 cut = EmissionMathLib.coverageCut(lp, r.coverageBps[i], r.cutBps);
            assertLe(cut, lp, "cut <= LP reward");
            uint256 ld = EmissionMathLib.directPart(
                EmissionMathLib.share(r.budget, ldW[i], total),
                o.stakeSum,
                r.pooled
            );
            o.ldBooked[i] = EmissionMathLib.capped(ld, r.stakeNow[i], maxRate);
            assertLe(o.ldBooked[i], ld, "the cap only lowers");
            // The round takes lp (paid lp - cut, cut to the reserve) and ld (booked or carried).
            o.paid += lp + ld;
        }
        o.paid += EmissionMathLib.pooledPart(o.ldTotal, o.stakeSum, r.pooled);
    }

    function testFuzz_round_ratePerTokeAtMostKTimesAverage(Round memory r) public pure {
        _bound(r);
        Outcome memory o = _play(r);
        uint256 lds = o.stakeSum + r.pooled;
        for (uint256 i; i < N; ++i) {
            // booked / stakeNow <= K x ldTotal / (S + P), cross-multiplied (no rounding).
            assertLe(
                o.ldBooked[i] * BPS * lds,
                r.capBps * o.ldTotal * r.stakeNow[i],
                "LD rate <= K x average"
            );
            if (r.stakeNow[i] == 0) assertEq(o.ldBooked[i], 0, "no stake, nothing booked");
        }
    }

    function testFuzz_round_neverExceedsBudget(Round memory r) public pure {
        _bound(r);
        Outcome memory o = _play(r);
        assertLe(o.paid, r.budget, "booked + carried + cut <= budget");
    }

    function testFuzz_round_dustStakeEarnsNoFloor(
        uint256 budget,
        uint256 assets,
        uint256 otherStake,
        uint256 floorBps
    ) public pure {
        // A Reactor with assets and no stake when the weights were fixed, and one whose stake
        // makes the average; 1 wei staked on the first earns nothing of the round.
        Round memory r;
        r.budget = bound(budget, 0, 1e30);
        r.floorBps = bound(floorBps, 0, 9_000);
        r.capBps = 30_000;
        r.assets[0] = bound(assets, 0, MAX_ASSET);
        r.prices[0] = RATE_SCALE;
        r.assets[1] = r.assets[0];
        r.prices[1] = RATE_SCALE;
        r.stakeThen[1] = bound(otherStake, 1, MAX_TOKE);
        r.stakeNow[1] = r.stakeThen[1];
        r.stakeNow[0] = 1;
        Outcome memory o = _play(r);
        assertEq(o.ldBooked[0], 0, "the missing side gets no floor weight");
    }

    function testFuzz_coverageCut_boundedAndMonotone(
        uint256 lp,
        uint256 coverageLow,
        uint256 coverageHigh,
        uint256 cutBps
    ) public pure {
        lp = bound(lp, 0, type(uint112).max);
        coverageLow = bound(coverageLow, 0, BPS);
        coverageHigh = bound(coverageHigh, coverageLow, BPS);
        cutBps = bound(cutBps, 0, BPS);
        uint256 low = EmissionMathLib.coverageCut(lp, coverageLow, cutBps);
        uint256 high = EmissionMathLib.coverageCut(lp, coverageHigh, cutBps);
        assertLe(low, high, "more coverage, no smaller cut");
        assertLe(high, lp, "the cut never exceeds the reward");
        // Kept: at least lp x (1 - cut x coverage), to the rounding up of the cut.
        assertLe(high * BPS * BPS, lp * coverageHigh * cutBps + BPS * BPS, "on the curve");
        assertGe(high * BPS * BPS, lp * coverageHigh * cutBps, "rounded up");
        assertEq(EmissionMathLib.coverageCut(lp, 0, cutBps), 0, "no coverage, no cut");
        assertEq(EmissionMathLib.coverageCut(lp, BPS, BPS), lp, "full coverage, full cut");
    }

    function testFuzz_coverage_boundedShare(
        uint256 treasuryUnits,
        uint256 activeUnits
    ) public pure {
        treasuryUnits = bound(treasuryUnits, 0, type(uint112).max);
        activeUnits = bound(activeUnits, 0, type(uint112).max);
        uint256 c = EmissionMathLib.coverage(treasuryUnits, activeUnits);
        assertLe(c, BPS, "at most 100%");
        if (activeUnits == 0) assertEq(c, 0, "an empty Reactor is not covered");
        else if (treasuryUnits >= activeUnits) assertEq(c, BPS, "fully covered");
        else assertEq(c, (treasuryUnits * BPS) / activeUnits, "the share, rounded down");
    }
}
