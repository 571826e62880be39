// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidityMathLib} from "../../../contracts/libraries/LiquidityMathLib.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Properties of `LiquidityMathLib.proportionalAmounts`, the Uniswap V2 router's rule:
///         the most of both amounts that fits the pool's proportion, one side used in full.
contract LiquidityMathLibPropertiesTest is TestBase {
    uint256 private constant MAX = 2 ** 112;

    /// @dev 3 a : 2 b, offering 4 a and 2 b: all of a needs floor(4 * 2 / 3) = 2 b, exactly what
    ///      is offered, so the router's rule deposits all 4 a (scaling a down to
    ///      floor(2 * 3 / 2) = 3 would leave 1 a behind for no reason).
    function test_proportionalAmounts_whenBJustSufficesUsesAllOfA() public pure {
        (uint256 a, uint256 b) = LiquidityMathLib.proportionalAmounts(4, 2, 3, 2);
        assertEq(a, 4, "all of a");
        assertEq(b, 2, "the b it needs");
    }

    /// @dev Never more than offered; one side in full; the other is the full side's match,
    ///      rounded down; and all of a whenever a's match fits in what b offers.
    function testFuzz_proportionalAmounts_theMostThatFits(
        uint256 aDesired,
        uint256 bDesired,
        uint256 aReserve,
        uint256 bReserve
    ) public pure {
        aDesired = bound(aDesired, 1, MAX);
        bDesired = bound(bDesired, 1, MAX);
        aReserve = bound(aReserve, 1, MAX);
        bReserve = bound(bReserve, 1, MAX);
        (uint256 a, uint256 b) = LiquidityMathLib.proportionalAmounts(
            aDesired,
            bDesired,
            aReserve,
            bReserve
        );
        assertLe(a, aDesired, "a <= offered");
        assertLe(b, bDesired, "b <= offered");
        uint256 bForAllOfA = (aDesired * bReserve) / aReserve;
        if (bForAllOfA <= bDesired) {
            assertEq(a, aDesired, "all of a when its match fits");
            assertEq(b, bForAllOfA, "b matches all of a");
        } else {
            assertEq(b, bDesired, "all of b otherwise");
            assertEq(a, (bDesired * aReserve) / bReserve, "a matches all of b");
        }
    }
}
