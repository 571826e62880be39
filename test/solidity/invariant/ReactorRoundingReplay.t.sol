// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CoreFixture} from "../utils/CoreFixture.sol";
import {InvariantBase} from "../utils/Vm.sol";
import {ReactorHandler} from "./ReactorHandler.t.sol";

uint256 constant RATE_ONE = 1e18;

/// @title The Reactor campaign's counterexample of invariant 6, replayed
/// @notice A mark, exits at the marked rate, then a smaller mark leave the rate above 1 (the stayers
///         get back the part of the loss the leavers bore). A deposit then rounds down by up to one
///         share unit's worth, ceil(rate) wei, not 1 wei: the handler's bound follows the rate.
contract ReactorRoundingReplayTest is InvariantBase, CoreFixture {
    ReactorHandler private handler;

    function setUp() public {
        _deployCore();
        handler = new ReactorHandler(reactor, idleReactor, manager, treasury, token);
        reactor.setAllocator(address(handler));
        roles.grantRole(roles.GUARDIAN_ROLE(), address(handler));
        roles.grantRole(roles.GOVERNANCE_ROLE(), address(handler));
        roles.grantRole(roles.GUARDIAN_ROLE(), handler.guardianOnly());
    }

    function test_liftedMarkAboveOne_depositRoundsWithinOneShareUnit() public {
        handler.deposit(
            16125,
            34149718579681734090623783807632257043644090228937683185826250611175605665792
        );
        handler.allocatorPull(
            109631883448946973318875520041852362730290000206815566415086430415257043366395
        );
        handler.allocatorPush(15772);
        handler.requestRedeem(
            21873464194201212655729250664484037033477066051113345,
            13583415804822693440655900621940122385314958947861128625
        );
        handler.allocatorMark(2325377565895585170811785325729390515982299316191381157814747);
        handler.mint(491460923342184218035706888008750043977755113262, 4642);
        handler.rollover(21548, 7317);
        handler.togglePause(true);
        handler.togglePause(false);
        handler.allocatorMark(278779394131963);
        assertGe(reactor.rate(), RATE_ONE + 1, "the lifted mark left the rate above 1");
        handler.deposit(
            14043472826049567605414,
            779250393524539563101937373676555755849212367200276033
        );
        assertEq(handler.roundingViolations(), 0, "6: within one share unit");
    }
}
