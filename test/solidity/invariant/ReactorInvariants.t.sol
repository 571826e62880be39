// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CycleLedgerLib} from "../../../contracts/libraries/CycleLedgerLib.sol";
import {CoreFixture} from "../utils/CoreFixture.sol";
import {InvariantBase} from "../utils/Vm.sol";
import {ReactorHandler} from "./ReactorHandler.t.sol";

/// @title Reactor invariants
/// @notice Spec (ids from notes/security.md), checked after every handler call:
///  1. Solvency: tAsset supply x rate <= idle assets + deployed assets (the loss waterfall is not
///     built yet, so it adds nothing).
///  2. Supply: total supply = sum of balances; only deposit, redeem and a loss write-down change
///     what a tAsset is worth (the rate equals the last write-down's, donations change nothing,
///     total assets = supply at the rate).
///  3. Requests: sum of open requests <= total supply; each request <= its owner's balance; the
///     Reactor's pending + reserved totals equal the sum of requests; matured requests are covered
///     by idle assets after every completed rollover (and at all times in between).
///  4. Timing: nothing is redeemed before its request matures; the cycle index rises by exactly
///     one per completed rollover and a rollover never starts before the cycle's end time.
///  6. Rounding favours the protocol, by at most 1 wei per operation.
///  9. Custody: assets are only with LPs, the Reactor, the allocator and the Treasury (or burnt
///     by a reported loss); the cycle manager holds nothing.
/// 10. Access: every privileged function reverts for an outsider, including a guardian-only
///     account trying to move funds or change parameters.
/// 11. Liveness: any holder who asks for everything is out within two rollovers; claims never
///     revert on dust.
contract ReactorInvariantsTest is InvariantBase, CoreFixture {
    ReactorHandler private handler;

    function setUp() public {
        _deployCore();
        handler = new ReactorHandler(reactor, idleReactor, manager, treasury, token);
        reactor.setAllocator(address(handler));
        roles.grantRole(roles.GUARDIAN_ROLE(), address(handler));
        roles.grantRole(roles.GOVERNANCE_ROLE(), address(handler));
        roles.grantRole(roles.GUARDIAN_ROLE(), handler.guardianOnly());
        targetContract(address(handler));
    }

    function invariant_1_solvency() public view {
        uint256 owed = (reactor.totalSupply() * reactor.rate()) / CycleLedgerLib.RATE_SCALE;
        assertLe(owed, reactor.idleAssets() + reactor.deployedAssets(), "1: supply x rate <= idle + deployed");
    }

    function invariant_2_supply() public view {
        address[4] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) sum += reactor.balanceOf(actors[i]);
        assertEq(reactor.totalSupply(), sum, "2: supply = sum of balances");
        assertEq(reactor.rate(), handler.ghostRate(), "2: rate moves only by write-down");
        assertEq(
            reactor.totalAssets(),
            (reactor.totalSupply() * reactor.rate()) / CycleLedgerLib.RATE_SCALE,
            "2: total assets = supply at the rate"
        );
        assertLe(reactor.activeSupply(), reactor.totalSupply(), "2: active <= supply");
    }

    function invariant_3_requests() public view {
        address[4] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) {
            uint256 req = reactor.pendingRedeemRequest(0, actors[i]) + reactor.claimableRedeemRequest(0, actors[i]);
            assertLe(req, reactor.balanceOf(actors[i]), "3: request <= owner's balance");
            sum += req;
        }
        assertLe(sum, reactor.totalSupply(), "3: requests <= supply");
        assertEq(reactor.pendingRedeemShares() + reactor.reservedShares(), sum, "3: book totals = sum of requests");
        assertLe(reactor.reservedAssets(), reactor.idleAssets(), "3: matured requests covered by idle assets");
        assertEq(handler.uncoveredAfterRollover(), 0, "3: covered after every completed rollover");
    }

    function invariant_4_timing() public view {
        assertEq(handler.earlyRedeems(), 0, "4: no claim before maturity");
        assertEq(handler.prematureRollovers(), 0, "4: no rollover before the end time");
        assertEq(handler.cycleJumps(), 0, "4: +1 cycle per completed rollover");
        assertEq(manager.state().cycle, handler.ghostCompletedRollovers(), "4: cycle = completed rollovers");
        assertLe(reactor.cycle(), manager.state().cycle + 1, "4: books at most one cycle ahead (mid-rollover)");
        assertGe(reactor.cycle(), manager.state().cycle, "4: books never behind the clock");
    }

    function invariant_6_rounding() public view {
        assertEq(handler.roundingViolations(), 0, "6: rounding favours the protocol by <= 1 wei");
    }

    function invariant_9_custody() public view {
        address[4] memory actors = handler.actors();
        uint256 held = token.balanceOf(address(reactor)) +
            token.balanceOf(address(idleReactor)) +
            token.balanceOf(address(handler)) +
            token.balanceOf(address(treasury)) +
            token.balanceOf(address(0xdead));
        for (uint256 i; i < actors.length; ++i) held += token.balanceOf(actors[i]);
        assertEq(held, handler.ghostMinted(), "9: assets only with LPs, Reactors, allocator, Treasury");
        assertEq(token.totalSupply(), handler.ghostMinted(), "9: nothing minted elsewhere");
        assertEq(token.balanceOf(address(manager)), 0, "9: the manager holds nothing");
        assertEq(address(manager).balance, 0, "9: the manager holds no ether");
        assertEq(idleReactor.totalSupply(), 0, "9: the idle Reactor is untouched");
    }

    function invariant_10_access() public view {
        assertEq(handler.unauthorizedSuccesses(), 0, "10: privileged functions refuse outsiders");
    }

    function invariant_11_liveness() public view {
        assertEq(handler.livenessFailures(), 0, "11: exit within two cycles");
    }
}
