// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IReactor} from "../../contracts/interfaces/IReactor.sol";
import {CycleLedgerLib} from "../../contracts/libraries/CycleLedgerLib.sol";
import {CoreFixture} from "./utils/CoreFixture.sol";
import {TestBase} from "./utils/Vm.sol";

/// @notice ERC-4626 / ERC-7540 conformance properties of the tAsset under fuzzing, at 1:1 and
///         after a random loss write-down (rate below 1:1):
///         - previews bound actual results (previewDeposit = shares minted, previewMint =
///           assets pulled) and the async previews revert;
///         - max functions tell the truth (the max goes through, one unit more does not);
///         - rounding favours the vault, by at most 1 wei of asset per operation.
contract ReactorConformanceTest is TestBase, CoreFixture {
    uint256 private constant RATE_SCALE = CycleLedgerLib.RATE_SCALE;
    uint256 private constant MAX_ASSETS = 1e30;
    address private constant ALICE = address(0xA11CE);
    address private constant BOB = address(0xB0B);

    function setUp() public {
        _deployCore();
        reactor.setAllocator(address(this));
        token.approve(address(reactor), type(uint256).max);
        vm.prank(ALICE);
        token.approve(address(reactor), type(uint256).max);
        vm.prank(BOB);
        token.approve(address(reactor), type(uint256).max);
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Seeds the Reactor with Bob's deposit and, if `lossBps` > 0, writes a loss down so the
    ///      rate is below 1:1 (at most a 99.99% loss).
    function _seed(uint256 seedAssets, uint256 lossBps) private {
        seedAssets = bound(seedAssets, 1e6, MAX_ASSETS);
        token.mint(BOB, seedAssets);
        vm.prank(BOB);
        reactor.deposit(seedAssets, BOB);
        lossBps = bound(lossBps, 0, 9_999);
        if (lossBps != 0) {
            reactor.pullAssets(seedAssets);
            uint256 loss = (seedAssets * lossBps) / 10_000;
            if (loss != 0) reactor.writeDown(loss);
            reactor.pushAssets(reactor.deployedAssets());
        }
    }

    function _rollover() private {
        vm.warp(manager.cycleEnd());
        manager.startRollover();
        manager.processReactors(2);
        manager.completeRollover();
    }

    function _value(uint256 shares) private view returns (uint256) {
        return (shares * reactor.rate()) / RATE_SCALE;
    }

    // ------------------------------------------------------------------ deposits

    function testFuzz_deposit_mintsPreviewAndFavoursVault(
        uint256 seedAssets,
        uint256 lossBps,
        uint256 assets
    ) public {
        _seed(seedAssets, lossBps);
        assets = bound(assets, 1, MAX_ASSETS);
        uint256 preview = reactor.previewDeposit(assets);
        vm.assume(preview != 0);
        token.mint(ALICE, assets);
        vm.prank(ALICE);
        uint256 shares = reactor.deposit(assets, ALICE);
        assertEq(shares, preview, "deposit = previewDeposit");
        assertEq(token.balanceOf(ALICE), 0, "pulled exactly assets");
        uint256 value = _value(shares);
        assertLe(value, assets, "shares worth no more than paid");
        assertLe(assets - value, 1, "at most 1 wei lost to rounding");
    }

    function testFuzz_mint_pullsPreviewAndFavoursVault(
        uint256 seedAssets,
        uint256 lossBps,
        uint256 shares
    ) public {
        _seed(seedAssets, lossBps);
        shares = bound(shares, 1, MAX_ASSETS);
        uint256 preview = reactor.previewMint(shares);
        token.mint(ALICE, preview);
        vm.prank(ALICE);
        uint256 assets = reactor.mint(shares, ALICE);
        assertEq(assets, preview, "mint = previewMint");
        assertEq(token.balanceOf(ALICE), 0, "pulled exactly previewMint");
        assertEq(reactor.balanceOf(ALICE), shares, "minted exactly shares");
        assertLe(_value(shares), assets, "shares worth no more than paid");
        assertLe(assets - _value(shares), 1, "at most 1 wei lost to rounding");
    }

    function testFuzz_maxDeposit_isTruthful(
        uint256 seedAssets,
        uint256 lossBps,
        bool paused
    ) public {
        _seed(seedAssets, lossBps);
        if (paused) {
            roles.grantRole(roles.GUARDIAN_ROLE(), address(this));
            reactor.pause();
            assertEq(reactor.maxDeposit(ALICE), 0, "paused: maxDeposit 0");
            assertEq(reactor.maxMint(ALICE), 0, "paused: maxMint 0");
            token.mint(ALICE, 1e6);
            vm.prank(ALICE);
            vm.expectRevert(IReactor.ReactorPaused.selector);
            reactor.deposit(1e6, ALICE);
            return;
        }
        uint256 maxAssets = reactor.maxDeposit(ALICE);
        uint256 maxShares = reactor.maxMint(ALICE);
        assertEq(maxShares, type(uint112).max - reactor.totalSupply(), "maxMint = room left");
        token.mint(ALICE, maxAssets);
        vm.prank(ALICE);
        reactor.deposit(maxAssets, ALICE);
        assertLe(reactor.totalSupply(), type(uint112).max, "supply within the ledger");
        // No room for one more unit.
        assertLe(reactor.maxMint(ALICE), 1e18 / reactor.rate() + 1, "max reached");
    }

    // ------------------------------------------------------------------ redemptions

    function testFuzz_asyncPreviewsRevert(uint256 amount) public {
        vm.expectRevert(IReactor.ReactorAsyncRedeem.selector);
        reactor.previewRedeem(amount);
        vm.expectRevert(IReactor.ReactorAsyncRedeem.selector);
        reactor.previewWithdraw(amount);
    }

    function testFuzz_maxRedeem_isTruthful(
        uint256 seedAssets,
        uint256 lossBps,
        uint256 requested,
        uint256 part
    ) public {
        _seed(seedAssets, lossBps);
        uint256 balance = reactor.balanceOf(BOB);
        requested = bound(requested, 1, balance);
        vm.prank(BOB);
        reactor.requestRedeem(requested, BOB, BOB);
        assertEq(reactor.maxRedeem(BOB), 0, "pending: nothing redeemable");
        assertEq(reactor.maxWithdraw(BOB), 0, "pending: nothing withdrawable");
        _rollover();
        assertEq(reactor.maxRedeem(BOB), requested, "matured: all of it");
        assertEq(reactor.maxWithdraw(BOB), _value(requested), "matured: its value");

        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReactor.ReactorExceedsClaimable.selector,
                BOB,
                requested + 1,
                requested
            )
        );
        reactor.redeem(requested + 1, BOB, BOB);

        // A claim pays at the request's own rate: its matured value, pro rata, rounded down.
        uint256 owed = _value(requested);
        part = bound(part, 1, requested);
        uint256 expected = part == requested ? owed : (part * owed) / requested;
        vm.prank(BOB);
        uint256 assets = reactor.redeem(part, BOB, BOB);
        assertEq(assets, expected, "redeem pays the matured value pro rata, rounded down");
        assertEq(reactor.maxRedeem(BOB), requested - part, "maxRedeem after a partial claim");
        uint256 maxAssets = reactor.maxWithdraw(BOB);
        assertEq(maxAssets, owed - assets, "maxWithdraw = what is left owed");
        if (maxAssets != 0) {
            vm.prank(BOB);
            uint256 burnt = reactor.withdraw(maxAssets, BOB, BOB);
            assertEq(burnt, requested - part, "withdraw(maxWithdraw) takes the rest");
        }
        assertEq(token.balanceOf(BOB), assets + maxAssets, "paid exactly");
    }

    function testFuzz_roundTrip_neverReturnsMore(
        uint256 seedAssets,
        uint256 lossBps,
        uint256 assets
    ) public {
        _seed(seedAssets, lossBps);
        assets = bound(assets, 1, MAX_ASSETS);
        vm.assume(reactor.previewDeposit(assets) != 0);
        token.mint(ALICE, assets);
        vm.startPrank(ALICE);
        uint256 shares = reactor.deposit(assets, ALICE);
        reactor.requestRedeem(shares, ALICE, ALICE);
        vm.stopPrank();
        _rollover();
        vm.prank(ALICE);
        uint256 out = reactor.redeem(shares, ALICE, ALICE);
        assertLe(out, assets, "round trip returns at most what went in");
        // Two roundings down (deposit and redeem), each under one unit of the rate.
        assertLe(assets - out, 2, "round trip loses at most 2 wei");
    }

    /// @dev ERC-4626: convertToShares/convertToAssets MUST round down and MUST NOT vary with the
    ///      caller; totalAssets MUST NOT revert.
    function testFuzz_convert_roundsDownAndIgnoresCaller(
        uint256 seedAssets,
        uint256 lossBps,
        uint256 amount
    ) public {
        _seed(seedAssets, lossBps);
        amount = bound(amount, 0, MAX_ASSETS);
        uint256 shares = reactor.convertToShares(amount);
        assertLe((shares * reactor.rate()) / RATE_SCALE, amount, "shares never worth more");
        assertEq(reactor.convertToAssets(amount), _value(amount), "assets rounded down");
        vm.prank(ALICE);
        assertEq(reactor.convertToShares(amount), shares, "no variation with the caller");
        assertEq(
            reactor.totalAssets(),
            _value(reactor.totalSupply()),
            "totalAssets = supply value"
        );
    }

    /// @dev ERC-4626: a deposit MUST emit Deposit and mint to the receiver, not the caller;
    ///      `maxDeposit` MUST NOT be exceeded by what goes through.
    function testFuzz_deposit_mintsToReceiver(uint256 assets) public {
        assets = bound(assets, 1, MAX_ASSETS);
        token.mint(ALICE, assets);
        assertLe(assets, reactor.maxDeposit(ALICE), "within maxDeposit");
        vm.prank(ALICE);
        uint256 shares = reactor.deposit(assets, BOB);
        assertEq(reactor.balanceOf(BOB), shares, "receiver credited");
        assertEq(reactor.balanceOf(ALICE), 0, "caller not credited");
    }

    function testFuzz_donation_changesNothing(
        uint256 seedAssets,
        uint256 lossBps,
        uint256 donation,
        uint256 assets
    ) public {
        _seed(seedAssets, lossBps);
        uint256 rateBefore = reactor.rate();
        uint256 totalBefore = reactor.totalAssets();
        assets = bound(assets, 1, MAX_ASSETS);
        uint256 previewBefore = reactor.previewDeposit(assets);
        token.mint(address(reactor), bound(donation, 1, MAX_ASSETS));
        assertEq(reactor.rate(), rateBefore, "rate unchanged");
        assertEq(reactor.totalAssets(), totalBefore, "book value unchanged");
        assertEq(reactor.previewDeposit(assets), previewBefore, "price unchanged");
    }
}
