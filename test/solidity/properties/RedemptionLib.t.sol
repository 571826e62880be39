// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RedemptionLib} from "../../../contracts/libraries/RedemptionLib.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Properties of the pro-rata cover of matured redemptions (`RedemptionLib`) that a
///         holder with a debt relies on: what is left of it is never understated, and the
///         precision survives any number of partial covers.
contract RedemptionLibPropertiesTest is TestBase {
    using RedemptionLib for RedemptionLib.Cover;

    function _fresh() private pure returns (RedemptionLib.Cover memory) {
        return
            RedemptionLib.Cover({product: uint128(RedemptionLib.PRODUCT_ONE), epoch: 0, scale: 0});
    }

    /// @dev A third of every debt paid: a debt of 10 wei has 6.67 left, shown as 7, never 6.
    function test_left_isNeverUnderstated() public pure {
        RedemptionLib.Cover memory start = _fresh();
        RedemptionLib.Snapshot memory joined = RedemptionLib.snapshot(start);
        RedemptionLib.Cover memory c = start.pay(3, 1);
        assertEq(RedemptionLib.left(10, joined, c), 7, "10 x 2/3 = 6.67, rounded up");
        // The product itself is 2/3 rounded up (by 3.3e-37), so 9 x it lies just above 6 and is
        // shown as 7: overstated by less than a wei, never understated.
        assertEq(RedemptionLib.left(9, joined, c), 7, "9 x (2/3 + 3.3e-37), rounded up");
    }

    /// @dev Three covers, each paying all but a billionth: the product falls 1e36 -> 1e27 -> 1e18
    ///      -> 1e9, below PRODUCT_FLOOR, so it is scaled up once. A debt of 1e30 that joined at the
    ///      start has 1e30 x 1e-27 = 1,000 left; one that joined after the last cover has all.
    function test_left_staysExactAcrossAScaleStep() public pure {
        RedemptionLib.Cover memory c = _fresh();
        RedemptionLib.Snapshot memory early = RedemptionLib.snapshot(c);
        for (uint256 i; i < 3; ++i) c = c.pay(1e9, 1e9 - 1);
        assertEq(c.scale, 1, "scaled once");
        assertEq(uint256(c.product), 1e27, "1e9 scaled by 1e18");
        assertEq(RedemptionLib.left(1e30, early, c), 1_000, "1e30 x (1e-9)^3");
        assertEq(RedemptionLib.left(5, RedemptionLib.snapshot(c), c), 5, "a new debt is whole");
        // Paying what is left of everything starts a new epoch: nothing older is owed.
        c = c.pay(1, 1);
        assertEq(RedemptionLib.left(1e30, early, c), 0, "paid in full");
    }
}
