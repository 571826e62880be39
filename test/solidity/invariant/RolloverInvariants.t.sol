// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Reactor} from "../../../contracts/core/Reactor.sol";
import {VenueWorld} from "../utils/VenueWorld.sol";

/// @notice Rollover liveness (issue 11), checked after every call of the venue handler (random
///         deposits, requests, claims, trades that move the pool's price, rollovers), with the
///         allocator keeping a recall buffer:
///  R1. Every completed rollover leaves each Reactor's idle assets >= what it reserved for
///      matured requests (so every matured exit can be claimed).
///  R2. The cycle index advances by exactly one per completed rollover, and no rollover fails.
///  R3. The held-venue list never holds a venue twice.
contract RolloverInvariantsTest is VenueWorld {
    uint16 private constant BUFFER_BPS = 500;

    function setUp() public {
        _deployVenueWorld();
        allocator.setRecallBuffer(BUFFER_BPS);
        targetContract(address(handler));
    }

    /// @dev A deterministic run through the venue: a price move between deployment and an exit.
    function test_rollover_afterPriceMove_leavesExitsCovered() public {
        handler.deposit(0, 20_000e18, false);
        handler.deposit(1, 40e18, true);
        handler.rollover();
        handler.trade(300, true);
        handler.requestRedeem(0, 9_999, false);
        handler.requestRedeem(1, 5_000, true);
        handler.rollover();
        invariant_R1_idleCoversReserved();
        invariant_R2_oneCyclePerRollover();
        invariant_R3_heldVenuesUnique();
        assertEq(handler.completedRollovers(), 2, "two rollovers completed");
    }

    function invariant_R1_idleCoversReserved() public view {
        for (uint256 i; i < 2; ++i) {
            Reactor reactor = i == 0 ? tToken : tBase;
            assertGe(reactor.idleAssets(), reactor.reservedAssets(), "R1: idle >= reserved");
        }
    }

    function invariant_R2_oneCyclePerRollover() public view {
        assertEq(handler.rolloverFailures(), 0, "R2: every rollover completes");
        assertEq(
            manager.state().cycle,
            handler.completedRollovers(),
            "R2: cycle = completed rollovers"
        );
    }

    function invariant_R3_heldVenuesUnique() public view {
        bytes32[] memory held = allocator.heldVenues(address(tToken));
        for (uint256 i; i < held.length; ++i) {
            for (uint256 j = i + 1; j < held.length; ++j) {
                assertTrue(held[i] != held[j], "R3: a venue held once");
            }
        }
    }
}
