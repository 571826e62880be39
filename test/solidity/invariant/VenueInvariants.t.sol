// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Reactor} from "../../../contracts/core/Reactor.sol";
import {ILiquidityAllocator} from "../../../contracts/interfaces/ILiquidityAllocator.sol";
import {VenueWorld} from "../utils/VenueWorld.sol";

/// @notice Spec (ids from notes/security.md), extended to venues and checked after every handler
///         call, with a token Reactor paired with a base Reactor on a real SushiSwap pair:
///  1. Solvency: for each Reactor, supply x rate <= idle assets + deployed assets; and the
///     Reactor's deployed book is exactly the principal the allocator has in the venue, backed
///     by LP tokens the adapter holds.
///  9. Custody: the allocator holds nothing after any call and the adapter holds only LP tokens;
///     every token minted is in an actor's, a Reactor's, the pair's or the Treasury's hands.
/// 10. Access: privileged functions of the allocator, adapter, Treasury, Reactor and manager
///     revert for an outsider.
/// 11. Liveness: every rollover completes, whatever the pool's price did (a venue off its TWAP is
///     skipped), every request is claimable within two rollovers, and claims never revert.
///  3. Requests under sweeps: a governance sweep while liquidity is deployed never takes assets
///     that back matured requests or the supply (idle >= reserved, supply x rate <= idle +
///     deployed, every matured request paid in full right after the sweep).
contract VenueInvariantsTest is VenueWorld {
    function setUp() public {
        _deployVenueWorld();
        roles.grantRole(roles.GOVERNANCE_ROLE(), address(handler));
        targetContract(address(handler));
    }

    /// @dev The handler's actions do reach the venue: a deterministic run deploys, trades and
    ///      pays an exit (so the invariants above are not checked on an idle system).
    function test_handler_deploysTradesAndExits() public {
        handler.deposit(0, 20_000e18, false); // bound() makes it 20,000.001 TKN
        handler.deposit(1, 40e18, true);
        handler.rollover();
        ILiquidityAllocator.Principal memory p = allocator.principalOf(address(tToken), VENUE);
        assertGe(p.token, 19_000e18, "token deployed");
        assertGe(p.base, 19e18, "base deployed (20,000 TKN at 0.001 WETH)");
        handler.trade(200, true);
        handler.requestRedeem(0, 9_999, false); // bound(9_999, 1, 10_000) = 10_000 bps: everything
        handler.rollover();
        assertEq(handler.rolloverFailures(), 0, "second rollover completed");
        handler.claim(0, false);
        assertEq(tToken.balanceOf(address(uint160(0x2000))), 0, "exited in full");
        assertEq(
            handler.rolloverFailures() + handler.claimFailures() + handler.lateExits(),
            0,
            "live"
        );
    }

    /// @dev Regression (found by this suite): after the token's price rose, the base side of the
    ///      position is worth more than its principal and the surplus goes to the Treasury, so a
    ///      cover sized on the position's value left the base Reactor short at settlement.
    function test_rollover_coversBaseRedemptionAfterThePriceRose() public {
        // The fuzzer's counterexample, as it found it (the handler bounds every input).
        handler.deposit(
            24169086694985123583016393695752100,
            322443215997683419686907099492864770425159299583731239249836894311637500666,
            true
        );
        handler.deposit(
            2607,
            type(uint256).max - 1461479336585704387580543296998010371294426562561,
            false
        );
        handler.rollover();
        handler.trade(
            44353002372087298962344491911088228694682263025922258955699882262090399875071,
            false
        );
        handler.trade(92500246205692, false);
        handler.requestRedeem(18165, 7596, true);
        handler.rollover();
        assertEq(handler.rolloverFailures(), 0, "rollover completed");
        handler.claim(18165, true);
        assertEq(handler.claimFailures(), 0, "claim paid");
    }

    /// @dev A sweep takes a donation that is surplus, never a matured request's assets, while the
    ///      rest of the Reactor's assets are deployed on the venue.
    function test_sweep_takesOnlySurplusWhileDeployed() public {
        handler.deposit(0, 20_000e18, false);
        handler.deposit(1, 40e18, true);
        handler.rollover();
        assertGe(tToken.deployedAssets(), 19_000e18, "token deployed");
        handler.requestRedeem(0, 4_999, false); // 5,000 bps of the position
        handler.rollover();
        uint256 matured = tToken.claimableRedeemRequest(0, address(uint160(0x2000)));
        assertGe(matured, 9_000e18, "half of the position matured");
        // A first sweep takes the surplus rounding has left so far and the handler then pays the
        // matured request (rounded down: up to 1 wei more surplus), which a second sweep takes;
        // after that, only the donation is surplus.
        handler.sweep(0, false);
        assertEq(tToken.claimableRedeemRequest(0, address(uint160(0x2000))), 0, "request paid");
        handler.sweep(0, false);
        uint256 before = token.balanceOf(address(treasury));
        handler.sweep(123_456_789, false); // bound(., 0, 500e18) keeps it
        assertEq(
            token.balanceOf(address(treasury)) - before,
            123_456_789,
            "sweep took the donation"
        );
        assertEq(handler.sweepsIntoBackedAssets(), 0, "matured requests still backed and paid");
        assertEq(
            tToken.claimableRedeemRequest(0, address(uint160(0x2000))),
            0,
            "paid by the sweep's check"
        );
    }

    function invariant_3_sweepKeepsRequestsBacked() public view {
        assertEq(handler.sweepsIntoBackedAssets(), 0, "3: a sweep took assets backing requests");
    }

    function invariant_1_solvencyAndBooks() public view {
        for (uint256 i; i < 2; ++i) {
            Reactor reactor = i == 0 ? tToken : tBase;
            uint256 owed = reactor.convertToAssets(reactor.totalSupply());
            assertLe(
                owed,
                reactor.idleAssets() + reactor.deployedAssets(),
                "1: supply x rate <= idle + deployed"
            );
        }
        ILiquidityAllocator.Principal memory p = allocator.principalOf(address(tToken), VENUE);
        assertEq(tToken.deployedAssets(), p.token, "1: token book = principal");
        assertEq(tBase.deployedAssets(), p.base, "1: base book = principal");
        if (p.token != 0 || p.base != 0)
            assertTrue(pair.balanceOf(address(adapter)) != 0, "1: principal backed by LP");
    }

    function invariant_9_custody() public view {
        assertEq(
            handler.custodyViolations(),
            0,
            "9: allocator / adapter kept funds after a rollover"
        );
        assertEq(
            token.balanceOf(address(allocator)) + base.balanceOf(address(allocator)),
            0,
            "9: allocator empty"
        );
        assertEq(
            token.balanceOf(address(adapter)) + base.balanceOf(address(adapter)),
            0,
            "9: adapter holds LP only"
        );
    }

    function invariant_10_access() public view {
        assertEq(handler.unauthorizedSuccesses(), 0, "10: privileged functions refuse outsiders");
    }

    function invariant_11_liveness() public view {
        if (handler.rolloverFailures() != 0) {
            // Surface why the rollover reverted.
            bytes memory reason = handler.lastRolloverError();
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
        assertEq(handler.claimFailures(), 0, "11: claims never revert");
        assertEq(handler.lateExits(), 0, "11: every request claimable within two rollovers");
    }
}
