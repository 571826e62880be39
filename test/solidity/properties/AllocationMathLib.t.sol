// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AllocationMathLib} from "../../../contracts/libraries/AllocationMathLib.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Properties of `AllocationMathLib.deployable`: what a Reactor may put to work never
///         eats into what it keeps for the requests it owes, their slippage margin and its buffer.
contract AllocationMathLibPropertiesTest is TestBase {
    uint256 private constant BPS = 10_000;
    uint256 private constant MAX = 2 ** 128;

    /// @dev 1,000 held, 3 owed, a 1 bp margin and no buffer: the margin on 3 is 0.0003 of a unit,
    ///      which the Reactor must keep as a whole unit, so it keeps 3 + 1 and deploys 996.
    function test_deployable_keepsTheMarginRoundedUp() public pure {
        assertEq(AllocationMathLib.deployable(1_000, 3, 1, 0), 996, "keeps 3 owed + 1 margin");
    }

    /// @dev Exact in rationals: (total - deployable) >= owed (1 + margin) + total x buffer, and
    ///      the Reactor deploys everything above that (less than one unit per rounded term).
    function testFuzz_deployable_neverEatsIntoWhatIsKept(
        uint256 total,
        uint256 owed,
        uint256 marginBps,
        uint256 bufferBps
    ) public pure {
        total = bound(total, 0, MAX);
        owed = bound(owed, 0, MAX);
        marginBps = bound(marginBps, 0, BPS);
        bufferBps = bound(bufferBps, 0, BPS);
        uint256 d = AllocationMathLib.deployable(total, owed, marginBps, bufferBps);
        assertLe(d, total, "never more than held");
        uint256 kept = total - d;
        uint256 keptScaled = owed * BPS + owed * marginBps + total * bufferBps;
        if (d != 0) {
            assertGe(kept * BPS, keptScaled, "keeps owed, margin and buffer");
            assertLe(kept * BPS, keptScaled + 2 * BPS, "and deploys the rest");
        } else {
            assertLe(
                total * BPS,
                keptScaled + 2 * BPS,
                "nothing deployable only when it is all kept"
            );
        }
    }
}
