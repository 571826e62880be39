// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IReactor} from "../../../contracts/interfaces/IReactor.sol";
import {CycleLedgerLib} from "../../../contracts/libraries/CycleLedgerLib.sol";
import {CoreFixture} from "../utils/CoreFixture.sol";
import {InvariantBase} from "../utils/Vm.sol";
import {ReactorHandler} from "./ReactorHandler.t.sol";

/// @title Reactor invariants
/// @notice Spec (ids from notes/security.md), checked after every handler call:
///  1. Solvency: tAsset supply x rate + assets owed to matured requests <= idle assets + deployed
///     assets (the handler's allocator reports its losses, so nothing else covers).
///  2. Supply: total supply = sum of balances, the Reactor's escrow included; only deposit,
///     redeem, a loss write-down and a loss mark change what a tAsset is worth (the rate equals
///     the last write-down's or mark's, donations change nothing, total assets = supply at the
///     rate).
///  3. Requests: escrowed shares = pending requests + cancelled shares not claimed back; the
///     covered part of matured requests is always in idle (also after a sweep, while assets are
///     deployed); after every rollover that recalled what was deployed, nothing matured is
///     uncovered (a rollover that recalled nothing may leave a debt, paid as assets come back).
///  4. Timing: nothing is redeemed before its request matures; the cycle index rises by exactly
///     one per completed rollover and a rollover never starts before the cycle's end time.
///  6. Rounding favours the protocol, by at most 1 wei per operation (a deposit: at most one share
///     unit's worth, which is 1 wei while the rate is <= 1).
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
        uint256 owed =
            (reactor.totalSupply() * reactor.rate()) / CycleLedgerLib.RATE_SCALE +
                reactor.reservedAssets();
        assertLe(
            owed,
            reactor.idleAssets() + reactor.deployedAssets(),
            "1: supply x rate + owed <= idle + deployed"
        );
    }

    function invariant_2_supply() public view {
        address[4] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) sum += reactor.balanceOf(actors[i]);
        sum += reactor.balanceOf(address(reactor));
        assertEq(reactor.totalSupply(), sum, "2: supply = sum of balances");
        assertEq(reactor.rate(), handler.ghostRate(), "2: rate moves only by write-down or mark");
        assertEq(
            reactor.totalAssets(),
            (reactor.totalSupply() * reactor.rate()) / CycleLedgerLib.RATE_SCALE,
            "2: total assets = supply at the rate"
        );
        assertLe(reactor.activeSupply(), reactor.totalSupply(), "2: active <= supply");
    }

    function invariant_3_requests() public view {
        address[4] memory actors = handler.actors();
        uint256 pending;
        uint256 cancelled;
        uint256 claimable;
        for (uint256 i; i < actors.length; ++i) {
            (IReactor.Request memory r, uint256 next) = reactor.redeemRequest(actors[i]);
            pending += r.shares + next;
            assertLe(r.activeShares, r.shares, "3: earning escrow <= escrow");
            cancelled += reactor.claimableCancelRedeemRequest(0, actors[i]);
            claimable += reactor.maxWithdraw(actors[i]);
        }
        assertEq(reactor.pendingRedeemShares(), pending, "3: queue = sum of pending requests");
        assertEq(
            reactor.balanceOf(address(reactor)),
            pending + cancelled,
            "3: escrow = pending + cancelled"
        );
        assertLe(claimable, reactor.coveredAssets(), "3: claimable <= covered");
        assertLe(reactor.coveredAssets(), reactor.idleAssets(), "3: covered is in idle");
        assertEq(handler.uncoveredAfterRollover(), 0, "3: covered after every recalled rollover");
        assertEq(handler.sweepViolations(), 0, "3: sweep never takes what backs requests");
    }

    function invariant_4_timing() public view {
        assertEq(handler.earlyRedeems(), 0, "4: no claim before maturity");
        assertEq(handler.prematureRollovers(), 0, "4: no rollover before the end time");
        assertEq(handler.cycleJumps(), 0, "4: +1 cycle per completed rollover");
        assertEq(
            manager.state().cycle,
            handler.ghostCompletedRollovers(),
            "4: cycle = completed rollovers"
        );
        assertLe(
            reactor.cycle(),
            manager.state().cycle + 1,
            "4: books at most one cycle ahead (mid-rollover)"
        );
        assertGe(reactor.cycle(), manager.state().cycle, "4: books never behind the clock");
    }

    function invariant_6_rounding() public view {
        assertEq(handler.roundingViolations(), 0, "6: rounding favours the protocol by <= 1 wei");
    }

    function invariant_9_custody() public view {
        address[4] memory actors = handler.actors();
        uint256 held =
            token.balanceOf(address(reactor)) +
                token.balanceOf(address(idleReactor)) +
                token.balanceOf(address(handler)) +
                token.balanceOf(address(treasury)) +
                token.balanceOf(address(0xdead));
        for (uint256 i; i < actors.length; ++i) held += token.balanceOf(actors[i]);
        assertEq(
            held,
            handler.ghostMinted(),
            "9: assets only with LPs, Reactors, allocator, Treasury"
        );
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
