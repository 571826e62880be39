// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CoreFixture} from "../utils/CoreFixture.sol";
import {TestBase} from "../utils/Vm.sol";
import {PoolingAggregator} from "./PoolingAggregator.sol";
import {RedeemRouter} from "./RedeemRouter.sol";

/// @notice Two integrators written from the EIP texts, end to end against a real Reactor and
///         cycle manager: a pooling aggregator (3 users through one controller) and a router
///         (controller = the user, authorised by an ERC-20 allowance).
contract IntegratorsTest is TestBase, CoreFixture {
    address private constant A = address(0xA1);
    address private constant B = address(0xB2);
    address private constant C = address(0xC3);

    function setUp() public {
        _deployCore();
    }

    function _fund(address user, uint256 assets) private {
        token.mint(user, assets);
        vm.startPrank(user);
        token.approve(address(reactor), assets);
        reactor.deposit(assets, user);
        vm.stopPrank();
    }

    function _rollover() private {
        vm.warp(manager.cycleEnd());
        manager.startRollover();
        manager.processReactors(2);
        manager.completeRollover();
    }

    function test_aggregator_threeUsersThroughOneController_eachPaidInFull() public {
        PoolingAggregator agg = new PoolingAggregator(address(reactor));
        address[3] memory users = [A, B, C];
        uint256[3] memory amounts = [uint256(1_000e6), 2_000e6, 3_000e6];
        for (uint256 i; i < 3; ++i) {
            _fund(users[i], amounts[i]);
            vm.startPrank(users[i]);
            reactor.approve(address(agg), amounts[i]);
            agg.join(amounts[i]);
            vm.stopPrank();
        }
        agg.requestAll();
        assertEq(reactor.pendingRedeemRequest(0, address(agg)), 6_000e6, "pending: all three");
        assertEq(reactor.balanceOf(address(agg)), 0, "escrowed at the request");
        _rollover();
        assertEq(reactor.claimableRedeemRequest(0, address(agg)), 6_000e6, "claimable: all three");
        agg.claimAndPay();
        for (uint256 i; i < 3; ++i) {
            assertEq(token.balanceOf(users[i]), amounts[i], "each user paid what it pooled");
        }
        assertEq(reactor.totalSupply(), 0, "all burnt");
    }

    function test_router_controllerIsTheUser_allowanceSpent_userClaims() public {
        RedeemRouter router = new RedeemRouter();
        _fund(A, 500e6);
        vm.prank(A);
        reactor.approve(address(router), 300e6);
        vm.prank(A);
        router.requestFor(address(reactor), 300e6);
        assertEq(reactor.allowance(A, address(router)), 0, "allowance spent");
        assertEq(reactor.pendingRedeemRequest(0, A), 300e6, "the user controls the request");
        assertEq(reactor.pendingRedeemRequest(0, address(router)), 0, "the router controls none");
        _rollover();
        vm.prank(A);
        uint256 assets = reactor.redeem(300e6, A, A);
        assertEq(assets, 300e6, "paid 1:1");
        assertEq(token.balanceOf(A), 300e6, "the user holds the assets");
        assertEq(reactor.balanceOf(A), 200e6, "the rest untouched");
    }
}
