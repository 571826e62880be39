// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "./utils/Vm.sol";
import {DeGenesisLib} from "../../contracts/libraries/DeGenesisLib.sol";
import {ElectionLib} from "../../contracts/libraries/ElectionLib.sol";

/// @notice Fuzz tests of the launch's pure maths: the DeGenesis split and price curve, vesting,
///         the CoRE ranking and loyalty bonus.
contract LaunchMathTest is TestBase {
    uint256 private constant MAX_USD = 1_000_000_000e18;
    uint256 private constant MAX_AMOUNT = 1e30;

    /// A wallet's asset splits into sale + Genesis + refund exactly, in the right proportions.
    function test_splitAmount_conservesAndRounds(
        uint256 amount,
        uint256 total,
        uint256 target,
        uint256 cap
    ) public pure {
        amount = bound(amount, 0, MAX_AMOUNT);
        total = bound(total, 1, MAX_USD * 2);
        target = bound(target, 1_000e18, MAX_USD);
        cap = bound(cap, target, MAX_USD);
        DeGenesisLib.Split memory s = DeGenesisLib.split(total, target, cap);
        (uint256 sale, uint256 genesis, uint256 refund) = DeGenesisLib.splitAmount(amount, s);
        assertEq(sale + genesis + refund, amount, "conservation");
        // sale is the ceiling, genesis the floor of the exact shares.
        assertGe(sale * s.total, amount * s.sale, "sale rounds up");
        assertLe(genesis * s.total, amount * s.genesis, "genesis rounds down");
        if (total <= target) assertEq(sale, amount, "all sold at or below target");
        if (total <= cap) assertEq(refund, 0, "nothing refunded below the cap");
    }

    /// What finalisation sends to the Treasury (floor of the totals) never exceeds the sum of
    /// the wallets' sold parts, so the contract can always pay every Genesis part and refund.
    function test_split_solventForTwoWallets(
        uint256 a,
        uint256 b,
        uint256 target,
        uint256 cap
    ) public pure {
        a = bound(a, 1, MAX_AMOUNT);
        b = bound(b, 1, MAX_AMOUNT);
        target = bound(target, 1_000e18, MAX_USD);
        cap = bound(cap, target, MAX_USD);
        // One asset at 1 USD per unit: the wallets' values are their amounts.
        DeGenesisLib.Split memory s = DeGenesisLib.split(a + b, target, cap);
        (uint256 saleA, , ) = DeGenesisLib.splitAmount(a, s);
        (uint256 saleB, , ) = DeGenesisLib.splitAmount(b, s);
        uint256 toTreasury = ((a + b) * s.sale) / s.total;
        assertGe(saleA + saleB, toTreasury, "wallet sale parts cover the Treasury transfer");
        assertLe(saleA + saleB - toTreasury, 2, "at most 1 unit of dust per wallet");
    }

    /// The TOKE handed out never exceeds the allocation.
    function test_tokeFor_neverExceedsAllocation(
        uint256 a,
        uint256 b,
        uint256 c,
        uint256 allocation
    ) public pure {
        a = bound(a, 0, MAX_USD);
        b = bound(b, 0, MAX_USD);
        c = bound(c, 0, MAX_USD);
        allocation = bound(allocation, 1, 1e33);
        uint256 total = a + b + c;
        uint256 sum =
            DeGenesisLib.tokeFor(a, allocation, total) +
                DeGenesisLib.tokeFor(b, allocation, total) +
                DeGenesisLib.tokeFor(c, allocation, total);
        assertLe(sum, allocation, "sum <= allocation");
        if (total != 0) assertLe(allocation - sum, 3, "at most 1 wei lost per wallet");
    }

    /// Price curve: total / allocation up to the target, the base price from it on; monotonic.
    function test_price_curve(
        uint256 total1,
        uint256 total2,
        uint256 basePrice,
        uint256 target
    ) public pure {
        basePrice = bound(basePrice, 1e12, 1_000_000e18);
        target = bound(target, 1_000e18, MAX_USD);
        uint256 allocation = (target * 1e18) / basePrice;
        vm.assume(allocation != 0);
        total1 = bound(total1, 0, MAX_USD * 2);
        total2 = bound(total2, total1, MAX_USD * 2);
        uint256 p1 = DeGenesisLib.price(total1, target, allocation);
        uint256 p2 = DeGenesisLib.price(total2, target, allocation);
        assertLe(p1, p2, "monotonic");
        assertEq(
            DeGenesisLib.price(target, target, allocation),
            (target * 1e18) / allocation,
            "at target"
        );
        if (total2 >= target)
            assertEq(p2, DeGenesisLib.price(target, target, allocation), "flat above target");
    }

    /// The worked example: $48M against $24M at $8; $1,000 buys 62.5 TOKE and $500 overflows.
    function test_workedExample() public pure {
        DeGenesisLib.Split memory s = DeGenesisLib.split(
            48_000_000e18,
            24_000_000e18,
            48_000_000e18
        );
        assertEq(DeGenesisLib.tokeFor(1_000e18, 3_000_000e18, s.total), 62.5e18, "62.5 TOKE");
        (uint256 sale, uint256 genesis, uint256 refund) = DeGenesisLib.splitAmount(1_000e6, s);
        assertEq(sale, 500e6, "$500 sold");
        assertEq(genesis, 500e6, "$500 Genesis");
        assertEq(refund, 0, "nothing refunded");
        assertEq(DeGenesisLib.price(s.total, 24_000_000e18, 3_000_000e18), 8e18, "$8");
    }

    /// Vesting is monotonic in time and never exceeds the total.
    function test_vested_monotonic(
        uint256 total,
        uint256 start,
        uint256 duration,
        uint256 t1,
        uint256 t2
    ) public pure {
        total = bound(total, 0, 1e33);
        start = bound(start, 0, 1e10);
        duration = bound(duration, 0, 4 * 365 days);
        t1 = bound(t1, start, start + 2 * duration + 1);
        t2 = bound(t2, t1, start + 2 * duration + 1);
        uint256 v1 = DeGenesisLib.vested(total, start, duration, t1);
        uint256 v2 = DeGenesisLib.vested(total, start, duration, t2);
        assertLe(v1, v2, "monotonic");
        assertLe(v2, total, "bounded");
        assertEq(
            DeGenesisLib.vested(total, start, duration, start + duration),
            total,
            "complete at end"
        );
    }

    /// Ranking: best first, ties to the lower index, never a zero, never twice.
    function test_topN_ordersAndBreaksTies(uint256 seed, uint8 count, uint8 n) public pure {
        count = uint8(bound(count, 2, 64));
        n = uint8(bound(n, 1, count));
        uint256[] memory votes = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            // Few distinct values so that ties are common.
            votes[i] = uint256(keccak256(abi.encode(seed, i))) % 4;
        }
        uint256[] memory ranked = ElectionLib.topN(votes, n);
        assertLe(ranked.length, n, "at most n");
        uint256 nonZero;
        for (uint256 i; i < count; ++i) if (votes[i] != 0) ++nonZero;
        assertEq(ranked.length, nonZero < n ? nonZero : n, "fills up to n with voted candidates");
        for (uint256 i; i < ranked.length; ++i) {
            assertTrue(votes[ranked[i]] != 0, "no zero-vote winner");
            if (i != 0) {
                uint256 prev = ranked[i - 1];
                uint256 cur = ranked[i];
                assertTrue(
                    votes[prev] > votes[cur] || (votes[prev] == votes[cur] && prev < cur),
                    "ordered, ties to lower index"
                );
            }
        }
        // Every candidate left out has at most the last winner's votes, and if equal, a higher index.
        if (ranked.length == n) {
            uint256 last = ranked[ranked.length - 1];
            for (uint256 i; i < count; ++i) {
                bool chosen;
                for (uint256 j; j < ranked.length; ++j) if (ranked[j] == i) chosen = true;
                if (!chosen) {
                    assertTrue(
                        votes[i] < votes[last] || (votes[i] == votes[last] && i > last),
                        "no better loser"
                    );
                }
            }
        }
    }

    /// Loyalty bonus: min(previous, current); never more than either.
    function test_loyaltyBonus(uint256 previous, uint256 current) public pure {
        previous = bound(previous, 0, 1e40);
        current = bound(current, 0, 1e40);
        uint256 bonus = ElectionLib.loyaltyBonus(previous, current);
        assertLe(bonus, previous, "<= previous");
        assertLe(bonus, current, "<= current");
        assertTrue(bonus == previous || bonus == current, "is one of them");
    }
}
