// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "./utils/Vm.sol";
import {EmissionMathLib} from "../../contracts/libraries/EmissionMathLib.sol";

/// @notice Fuzz tests of the emission formula: bounds, symmetry, monotonicity, the balanced
///         maximum, the thinner side earning more, and that shares never exceed the budget.
contract EmissionMathLibTest is TestBase {
    uint256 private constant MAX = EmissionMathLib.MAX_VALUE;
    uint256 private constant BPS = EmissionMathLib.BPS;

    function test_weight_handComputed() public pure {
        // F = 25%: a = 300, t = 100 -> 0.25 * 400 + 0.75 * 2 * 100 = 100 + 150 = 250.
        assertEq(EmissionMathLib.weight(300, 100, 2_500), 250, "w(300,100)");
        // Balanced: the whole sum.
        assertEq(EmissionMathLib.weight(200, 200, 2_500), 400, "w(200,200)");
        // One-sided: the floor only.
        assertEq(EmissionMathLib.weight(400, 0, 2_500), 100, "w(400,0)");
        // Split of 250 with a = 300, t = 100: the floor part 100 by own size (LP 75, LD 25), the
        // balance part 150 to the thinner side (LP 150 * 100 / 400 = 37.5, LD 112.5):
        // LP floor(112.5) = 112, LD the remaining 138.
        (uint256 w, uint256 lp, uint256 ld) = EmissionMathLib.weights(300, 100, 2_500);
        assertEq(w, 250, "w");
        assertEq(lp, 112, "lp");
        assertEq(ld, 138, "ld");
        // One-sided: the missing LD side gets nothing of the floor.
        (w, lp, ld) = EmissionMathLib.weights(400, 0, 2_500);
        assertEq(lp, 100, "lp one-sided");
        assertEq(ld, 0, "ld one-sided");
    }

    function testFuzz_weight_boundedBySumAndFloor(
        uint256 a,
        uint256 t,
        uint256 floorBps
    ) public pure {
        a = bound(a, 0, MAX);
        t = bound(t, 0, MAX);
        floorBps = bound(floorBps, 0, BPS);
        uint256 w = EmissionMathLib.weight(a, t, floorBps);
        assertLe(w, a + t, "w <= a + t");
        // The floor: at least F * (a + t), up to the one rounding.
        assertGe(w + 1, (floorBps * (a + t)) / BPS, "w >= F (a + t)");
    }

    function testFuzz_weight_symmetric(uint256 a, uint256 t, uint256 floorBps) public pure {
        a = bound(a, 0, MAX);
        t = bound(t, 0, MAX);
        floorBps = bound(floorBps, 0, BPS);
        assertEq(
            EmissionMathLib.weight(a, t, floorBps),
            EmissionMathLib.weight(t, a, floorBps),
            "symmetric"
        );
    }

    function testFuzz_weight_monotone(
        uint256 a,
        uint256 t,
        uint256 extra,
        uint256 floorBps
    ) public pure {
        a = bound(a, 0, MAX / 2);
        t = bound(t, 0, MAX);
        extra = bound(extra, 0, MAX / 2);
        floorBps = bound(floorBps, 0, BPS);
        assertGe(
            EmissionMathLib.weight(a + extra, t, floorBps),
            EmissionMathLib.weight(a, t, floorBps),
            "more assets never lower the weight"
        );
    }

    function testFuzz_weight_balancedIsLargest(
        uint256 half,
        uint256 shift,
        uint256 floorBps
    ) public pure {
        half = bound(half, 0, MAX / 2);
        shift = bound(shift, 0, half);
        floorBps = bound(floorBps, 0, BPS);
        // Same total value 2 * half, moved off balance by `shift`.
        assertGe(
            EmissionMathLib.weight(half, half, floorBps),
            EmissionMathLib.weight(half + shift, half - shift, floorBps),
            "balanced is the maximum"
        );
    }

    function testFuzz_weights_conserveAndFavourThinnerSidePerUnit(
        uint256 a,
        uint256 t,
        uint256 floorBps
    ) public pure {
        a = bound(a, 0, MAX);
        t = bound(t, 0, MAX);
        floorBps = bound(floorBps, 0, BPS);
        (uint256 w, uint256 lp, uint256 ld) = EmissionMathLib.weights(a, t, floorBps);
        assertEq(w, EmissionMathLib.weight(a, t, floorBps), "same weight");
        assertEq(lp + ld, w, "split conserves");
        // Per unit of its own size, the thinner side earns at least what the thicker one does
        // (up to the one rounding of each side).
        if (a > t) assertGe((ld + 1) * a, lp * t, "thin LD side earns more per TOKE");
        if (t > a) assertGe((lp + 1) * t, ld * a, "thin LP side earns more per unit");
        // Each side earns at most (2 - F) times its own size: a missing side earns nothing.
        assertLe(ld * BPS, (2 * BPS - floorBps) * t + BPS, "LD side <= (2 - F) t");
        assertLe(lp * BPS, (2 * BPS - floorBps) * a + BPS, "LP side <= (2 - F) a");
        if (t == 0) assertEq(ld, 0, "no stake, no LD weight");
    }

    function testFuzz_shares_neverExceedBudget(
        uint256 budget,
        uint256[4] memory a,
        uint256[4] memory t,
        uint256 pooled,
        uint256 floorBps
    ) public pure {
        budget = bound(budget, 0, 1e30);
        pooled = bound(pooled, 0, MAX);
        floorBps = bound(floorBps, 0, BPS);
        uint256[4] memory lpW;
        uint256[4] memory ldW;
        uint256 total;
        uint256 ldTotal;
        uint256 stakeSum;
        for (uint256 i; i < 4; ++i) {
            a[i] = bound(a[i], 0, MAX);
            t[i] = bound(t[i], 0, MAX);
            uint256 w;
            (w, lpW[i], ldW[i]) = EmissionMathLib.weights(a[i], t[i], floorBps);
            total += w;
            ldTotal += ldW[i];
            stakeSum += t[i];
        }
        uint256 paid = EmissionMathLib.pooledPart(
            EmissionMathLib.share(budget, ldTotal, total),
            stakeSum,
            pooled
        );
        for (uint256 i; i < 4; ++i) {
            paid += EmissionMathLib.share(budget, lpW[i], total);
            paid += EmissionMathLib.directPart(
                EmissionMathLib.share(budget, ldW[i], total),
                stakeSum,
                pooled
            );
        }
        assertLe(paid, budget, "paid <= budget");
        // Rounding loses under 1 wei per LP share (4), under 2 per nested direct share (8) and
        // under 2 for the nested pooled share.
        if (total != 0) assertGe(paid + 14, budget, "rounding loses at most a few wei");
    }

    function testFuzz_value_capped(uint256 amount, uint256 price) public pure {
        amount = bound(amount, 0, type(uint112).max);
        price = bound(price, 0, 1e36);
        uint256 v = EmissionMathLib.value(amount, price);
        assertLe(v, MAX, "capped");
        if ((amount * price) / 1e18 <= MAX)
            assertEq(v, (amount * price) / 1e18, "exact below the cap");
    }
}
