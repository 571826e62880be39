// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PriceFeed} from "../../../contracts/core/PriceFeed.sol";
import {IPricerPool} from "../../../contracts/interfaces/IPricerPool.sol";
import {PricerPool} from "../../../contracts/pricers/PricerPool.sol";
import {TestERC20} from "../tokens/TestERC20.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Drives one PricerPool: a signing pricer quotes both sides at random prices inside
///         (and sometimes outside) the band, takers fill partly and wholly, the pricer cancels,
///         the reference moves, outsiders donate, anyone sweeps. It keeps the books and the
///         pricer's P&L by its own formulas (ghosts) and counts every over-payment it sees.
contract PricerHandler is TestBase {
    uint256 private constant ACTORS = 3;
    uint256 private constant SCALE = 1e18;
    uint256 private constant BPS = 10_000;
    uint256 private constant BAND_BPS = 200;
    uint256 private constant FEE_BPS = 10;
    uint256 private constant PRICER_KEY = 0xA11CE;

    PricerPool public immutable pool;
    PriceFeed public immutable feed;
    TestERC20 public immutable asset;
    TestERC20 public immutable base;
    address public immutable pricer;

    /// @notice Books as the handler computes them.
    uint256 public ghostAsset;
    uint256 public ghostBase;
    /// @notice Unbooked balances: fees and donations, less what was swept.
    uint256 public ghostUnbookedAsset;
    uint256 public ghostUnbookedBase;
    /// @notice The pricer's P&L by the edge formula.
    int256 public ghostPnl;
    /// @notice Fills that paid more than their quote allowed, or filled a quote past its size.
    uint256 public violations;
    uint256 public fills;

    IPricerPool.Quote private _last;
    bytes private _lastSig;
    uint256 private _lastFilled;
    uint256[2] private _nonces;

    constructor(
        PricerPool pool_,
        PriceFeed feed_,
        TestERC20 asset_,
        TestERC20 base_,
        uint256 fundedAsset,
        uint256 fundedBase
    ) {
        (pool, feed, asset, base) = (pool_, feed_, asset_, base_);
        pricer = vm.addr(PRICER_KEY);
        (ghostAsset, ghostBase) = (fundedAsset, fundedBase);
    }

    /// @notice A fresh quote on a side at `offsetBps` from the reference (some outside the band),
    ///         filled at once by a taker.
    function quoteAndFill(
        uint256 sideSeed,
        uint256 offsetSeed,
        uint256 sizeSeed,
        uint256 amountSeed,
        uint256 actorSeed
    ) external {
        IPricerPool.Side side = IPricerPool.Side(sideSeed % 2);
        uint256 ref = pool.referencePrice();
        uint256 offset = bound(offsetSeed, 0, 2 * BAND_BPS + 100);
        uint256 price = (ref * (BPS - BAND_BPS - 50 + offset)) / BPS;
        if (price == 0) return;
        uint256 n = ++_nonces[uint256(side)];
        _last = IPricerPool.Quote({
            pricer: pricer,
            side: side,
            price: price,
            size: bound(sizeSeed, 1e15, 2_000e18),
            expiry: block.timestamp + 1 hours,
            nonce: n
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PRICER_KEY, pool.quoteDigest(_last));
        _lastSig = abi.encodePacked(r, s, v);
        _lastFilled = 0;
        _fill(amountSeed, actorSeed);
    }

    /// @notice Fills the last quote again (partial fills add up; past its size it must fail).
    function refill(uint256 amountSeed, uint256 actorSeed) external {
        if (_last.pricer == address(0)) return;
        _fill(amountSeed, actorSeed);
    }

    /// @notice The pricer cancels its last quote's nonce.
    function cancelLast() external {
        if (_last.pricer == address(0)) return;
        vm.prank(pricer);
        pool.cancel(_last.side, _last.nonce);
        _lastFilled = type(uint256).max;
    }

    /// @notice Governance re-prices the asset by up to 5% either way (and refreshes the base).
    function movePrice(uint256 moveSeed) external {
        uint256 current = feed.priceData(address(asset)).price;
        uint256 next = (current * bound(moveSeed, BPS - 500, BPS + 500)) / BPS;
        feed.setPrice(address(asset), next == 0 ? 1 : next);
        feed.setPrice(address(base), feed.priceData(address(base)).price);
    }

    /// @notice An outsider sends tokens straight to the pool (never booked).
    function donate(uint256 amountSeed, bool toAsset) external {
        uint256 amount = bound(amountSeed, 1, 1e21);
        if (toAsset) {
            asset.mint(address(pool), amount);
            ghostUnbookedAsset += amount;
        } else {
            base.mint(address(pool), amount);
            ghostUnbookedBase += amount;
        }
    }

    /// @notice Anyone sweeps the unbooked balances to the Treasury.
    function sweep() external {
        pool.sweep();
        (ghostUnbookedAsset, ghostUnbookedBase) = (0, 0);
    }

    /// @notice Time passes (at most 20 minutes: prices and quotes stay fresh mostly).
    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 20 minutes));
    }

    function _fill(uint256 amountSeed, uint256 actorSeed) private {
        IPricerPool.Quote memory q = _last;
        bool isAsk = q.side == IPricerPool.Side.Ask;
        address taker = _actor(actorSeed);
        uint256 amountIn =
            isAsk
                ? bound(amountSeed, 1, (q.size * q.price) / SCALE + 2)
                : bound(amountSeed, 1, q.size);
        (isAsk ? base : asset).mint(taker, amountIn);
        vm.prank(taker);
        (isAsk ? base : asset).approve(address(pool), amountIn);
        uint256 ref;
        try pool.referencePrice() returns (uint256 value) {
            ref = value;
        } catch {
            return;
        }
        vm.prank(taker);
        try pool.fill(q, _lastSig, amountIn, 0, block.timestamp) returns (uint256 out) {
            ++fills;
            _account(q, isAsk, amountIn, out, ref);
        } catch {}
    }

    function _account(
        IPricerPool.Quote memory q,
        bool isAsk,
        uint256 amountIn,
        uint256 out,
        uint256 ref
    ) private {
        if (isAsk) {
            uint256 fee = _divUp(amountIn * FEE_BPS, BPS);
            // Never more asset than (amountIn - fee) buys at the quote's price.
            if (out * q.price > (amountIn - fee) * SCALE) ++violations;
            _lastFilled += out;
            ghostAsset -= out;
            ghostBase += amountIn - fee;
            ghostUnbookedBase += fee;
            ghostPnl += int256(amountIn - fee) - int256(_divUp(out * ref, SCALE));
        } else {
            uint256 gross = (amountIn * q.price) / SCALE;
            uint256 fee = _divUp(gross * FEE_BPS, BPS);
            // Never more base than amountIn is worth at the quote's price, less the fee.
            if (out + fee > gross || out * SCALE > amountIn * q.price) ++violations;
            _lastFilled += amountIn;
            ghostAsset += amountIn;
            ghostBase -= gross;
            ghostUnbookedBase += fee;
            ghostPnl += int256((amountIn * ref) / SCALE) - int256(gross);
        }
        // A cancelled quote (filled = max) must never fill; a live one never past its size.
        if (_lastFilled > q.size) ++violations;
    }

    function _actor(uint256 seed) private pure returns (address) {
        return address(uint160(0xBEEF0 + (seed % ACTORS)));
    }

    function _divUp(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
