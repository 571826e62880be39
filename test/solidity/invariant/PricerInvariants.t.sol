// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CycleManager} from "../../../contracts/core/CycleManager.sol";
import {PriceFeed} from "../../../contracts/core/PriceFeed.sol";
import {Toke} from "../../../contracts/core/Toke.sol";
import {Treasury} from "../../../contracts/core/Treasury.sol";
import {ProtocolRoles} from "../../../contracts/governance/ProtocolRoles.sol";
import {ICycleManager} from "../../../contracts/interfaces/ICycleManager.sol";
import {IPriceFeed} from "../../../contracts/interfaces/IPriceFeed.sol";
import {IPricerPool} from "../../../contracts/interfaces/IPricerPool.sol";
import {ITreasury} from "../../../contracts/interfaces/ITreasury.sol";
import {PricerPool} from "../../../contracts/pricers/PricerPool.sol";
import {PricerRegistry} from "../../../contracts/pricers/PricerRegistry.sol";
import {TestERC20} from "../tokens/TestERC20.sol";
import {InvariantBase} from "../utils/Vm.sol";
import {PricerHandler} from "./PricerHandler.t.sol";

/// @title Pricer pool invariants
/// @notice Spec, checked after every handler call:
///  P1. Books: the pool's books equal the handler's own account of them (funding, plus what
///      each fill took in, minus what it paid out, by the quote formulas).
///  P2. Balances: each token's balance equals its books plus the unbooked part (fees and
///      donations not yet swept); the books never exceed the balance.
///  P3. No over-payment: no fill paid more than its quote allows at its price (net of the fee),
///      and no quote filled past its size or after its cancellation.
///  P4. P&L: the pricer's P&L equals the sum of its fills' edges against the reference.
///  P5. Capacity: the cycle's notional never exceeds the capacity.
///  9.  Custody (notes/security.md): the pool's tokens go only to takers and the Treasury.
contract PricerInvariantsTest is InvariantBase {
    uint256 private constant FUND_ASSET = 10_000e18;
    uint256 private constant FUND_BASE = 40_000e6;
    uint256 private constant CAPACITY = 1e13;

    PricerPool private pool;
    PricerHandler private handler;
    TestERC20 private asset;
    TestERC20 private base;
    Treasury private treasury;

    function setUp() public {
        ProtocolRoles roles = new ProtocolRoles(address(this));
        IAccessControl r = IAccessControl(address(roles));
        CycleManager manager = new CycleManager(r, block.timestamp, 7 days);
        treasury = new Treasury(r);
        address[] memory holders = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        (holders[0], amounts[0]) = (address(this), 1e24);
        Toke toke = new Toke(holders, amounts);
        PriceFeed feed = new PriceFeed(r, address(toke), 1 days, 1_000, 15 minutes);
        asset = new TestERC20("XYZ", "XYZ", 18);
        base = new TestERC20("USDC", "USDC", 6);
        feed.setPrice(address(asset), 2e18);
        feed.setPrice(address(base), 5e29);
        PricerRegistry registry = new PricerRegistry(
            r,
            IERC20(address(toke)),
            ITreasury(address(treasury)),
            1e18,
            1 days
        );
        pool = new PricerPool(
            r,
            address(registry),
            IPriceFeed(address(feed)),
            ICycleManager(address(manager)),
            ITreasury(address(treasury)),
            IERC20(address(asset)),
            IERC20(address(base))
        );
        pool.setConfig(200, 10, CAPACITY, 1e24, 10_000, 0);
        registry.listMarket(address(pool));
        asset.mint(address(treasury), FUND_ASSET);
        base.mint(address(treasury), FUND_BASE);
        treasury.pay(address(asset), address(pool), FUND_ASSET);
        pool.recordFunding(address(asset), FUND_ASSET);
        treasury.pay(address(base), address(pool), FUND_BASE);
        pool.recordFunding(address(base), FUND_BASE);

        handler = new PricerHandler(pool, feed, asset, base, FUND_ASSET, FUND_BASE);
        address pricer = handler.pricer();
        registry.register(pricer);
        toke.transfer(pricer, 1e18);
        vm.startPrank(pricer);
        toke.approve(address(registry), 1e18);
        registry.bond(1e18);
        vm.stopPrank();
        registry.enableMarket(pricer, address(pool));
        roles.grantRole(roles.GOVERNANCE_ROLE(), address(handler));
        targetContract(address(handler));
    }

    function invariant_P1_books() public view {
        IPricerPool.Books memory b = pool.books();
        assertEq(b.asset, handler.ghostAsset(), "P1: asset books");
        assertEq(b.base, handler.ghostBase(), "P1: base books");
    }

    function invariant_P2_balances() public view {
        IPricerPool.Books memory b = pool.books();
        assertEq(
            asset.balanceOf(address(pool)),
            b.asset + handler.ghostUnbookedAsset(),
            "P2: asset"
        );
        assertEq(base.balanceOf(address(pool)), b.base + handler.ghostUnbookedBase(), "P2: base");
    }

    function invariant_P3_noOverpayment() public view {
        assertEq(handler.violations(), 0, "P3: a fill paid more than its quote allows");
    }

    function invariant_P4_pnl() public view {
        int256 pnl = pool.pricerPnl(handler.pricer());
        int256 ghost = handler.ghostPnl();
        assertTrue(pnl == ghost, "P4: pricer P&L = sum of edges");
    }

    function invariant_P5_capacity() public view {
        assertLe(pool.cycleUse().used, CAPACITY, "P5: capacity");
    }

    /// @notice The run is not vacuous: with fills disabled the suite would prove nothing.
    function test_handler_fills() public {
        handler.quoteAndFill(1, 250, 1_000e18, 40e6, 0);
        handler.quoteAndFill(0, 250, 1_000e18, 5e18, 1);
        assertEq(handler.fills(), 2, "both fills went through");
        invariant_P1_books();
        invariant_P2_balances();
        invariant_P4_pnl();
    }
}
