// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IPriceFeed} from "../interfaces/IPriceFeed.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title PriceFeed
/// @notice Governance-set, keeper-refreshed asset-to-TOKE prices with staleness checks
///         (see IPriceFeed).
contract PriceFeed is IPriceFeed, RoleGated {
    /// @notice 1:1, the price of TOKE in TOKE (1e18-scaled).
    uint256 public constant PRICE_SCALE = 1e18;
    /// @notice Highest price: 1e36 keeps amount x price within 256 bits for any uint112 amount.
    uint256 public constant MAX_PRICE = 1e36;
    /// @notice Shortest staleness bound, seconds.
    uint256 public constant MIN_MAX_AGE = 1 hours;
    /// @notice Longest staleness bound, seconds.
    uint256 public constant MAX_MAX_AGE = 30 days;
    /// @notice Largest keeper deviation bound, basis points (50%).
    uint256 public constant MAX_DEVIATION_BPS = 5_000;
    /// @notice Shortest keeper interval bound, seconds: never zero, so that posts within one block
    ///         (or a few) cannot compound the deviation bound into (1 + dev)^n; a price moves at
    ///         most by (1 + dev) per 15 minutes.
    uint256 public constant MIN_POST_INTERVAL = 15 minutes;
    /// @notice Longest keeper interval bound, seconds.
    uint256 public constant MAX_POST_INTERVAL = 1 days;
    uint256 private constant BPS = 10_000;

    /// @inheritdoc IPriceFeed
    address public immutable toke;

    /// @inheritdoc IPriceFeed
    uint256 public maxAge;
    /// @inheritdoc IPriceFeed
    uint256 public maxDeviationBps;
    /// @inheritdoc IPriceFeed
    uint256 public minPostInterval;

    mapping(address asset => Price) private _prices;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param roles_            The protocol's role registry.
    /// @param toke_             The TOKE token.
    /// @param maxAge_           Staleness bound, seconds.
    /// @param maxDeviationBps_  Keeper deviation bound, basis points.
    /// @param minPostInterval_  Keeper interval bound, seconds.
    constructor(
        IAccessControl roles_,
        address toke_,
        uint256 maxAge_,
        uint256 maxDeviationBps_,
        uint256 minPostInterval_
    ) RoleGated(roles_) {
        if (toke_ == address(0)) revert PriceFeedBadAsset(toke_);
        toke = toke_;
        _setMaxAge(maxAge_);
        _setMaxDeviationBps(maxDeviationBps_);
        _setMinPostInterval(minPostInterval_);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPriceFeed
    function priceData(address asset) external view returns (Price memory) {
        return _prices[asset];
    }

    /// @inheritdoc IPriceFeed
    function price(address asset) external view returns (uint256) {
        if (asset == toke) return PRICE_SCALE;
        Price memory p = _prices[asset];
        if (p.price == 0) revert PriceFeedUnknownAsset(asset);
        if (block.timestamp > uint256(p.updatedAt) + maxAge)
            revert PriceFeedStale(asset, p.updatedAt, maxAge);
        return p.price;
    }

    /// @inheritdoc IPriceFeed
    function tryPrice(address asset) external view returns (bool ok, uint256 value) {
        if (asset == toke) return (true, PRICE_SCALE);
        Price memory p = _prices[asset];
        ok = p.price != 0 && block.timestamp <= uint256(p.updatedAt) + maxAge;
        value = p.price;
    }

    // ------------------------------------------------------------------ writes

    /// @inheritdoc IPriceFeed
    function setPrice(address asset, uint256 value) external onlyGovernance {
        _checkPrice(asset, value);
        _store(asset, value);
    }

    /// @inheritdoc IPriceFeed
    function postPrice(address asset, uint256 value) external onlyKeeper {
        _checkPrice(asset, value);
        Price memory last = _prices[asset];
        if (last.price == 0) revert PriceFeedUnknownAsset(asset);
        uint256 nextAllowed = uint256(last.updatedAt) + minPostInterval;
        if (block.timestamp < nextAllowed) revert PriceFeedTooSoon(asset, nextAllowed);
        uint256 move = value > last.price ? value - last.price : last.price - value;
        // move * BPS <= 1e36 * 1e4: no overflow.
        if (move * BPS > uint256(last.price) * maxDeviationBps) {
            revert PriceFeedDeviation(asset, last.price, value, maxDeviationBps);
        }
        _store(asset, value);
    }

    /// @inheritdoc IPriceFeed
    function setMaxAge(uint256 maxAge_) external onlyGovernance {
        _setMaxAge(maxAge_);
    }

    /// @inheritdoc IPriceFeed
    function setMaxDeviationBps(uint256 maxDeviationBps_) external onlyGovernance {
        _setMaxDeviationBps(maxDeviationBps_);
    }

    /// @inheritdoc IPriceFeed
    function setMinPostInterval(uint256 minPostInterval_) external onlyGovernance {
        _setMinPostInterval(minPostInterval_);
    }

    // ------------------------------------------------------------------ internal

    function _checkPrice(address asset, uint256 value) private view {
        if (asset == address(0) || asset == toke) revert PriceFeedBadAsset(asset);
        if (value == 0 || value > MAX_PRICE) revert PriceFeedBadPrice(asset, value);
    }

    function _store(address asset, uint256 value) private {
        // Cannot truncate: value <= MAX_PRICE < 2^192, and timestamps fit 64 bits.
        _prices[asset] = Price({price: uint192(value), updatedAt: uint64(block.timestamp)});
        emit PriceSet(asset, value, msg.sender);
    }

    function _setMaxAge(uint256 value) private {
        if (value < MIN_MAX_AGE || value > MAX_MAX_AGE)
            revert PriceFeedBadBound(value, MIN_MAX_AGE, MAX_MAX_AGE);
        maxAge = value;
        emit MaxAgeSet(value);
    }

    function _setMaxDeviationBps(uint256 value) private {
        if (value == 0 || value > MAX_DEVIATION_BPS)
            revert PriceFeedBadBound(value, 1, MAX_DEVIATION_BPS);
        maxDeviationBps = value;
        emit MaxDeviationSet(value);
    }

    function _setMinPostInterval(uint256 value) private {
        if (value < MIN_POST_INTERVAL || value > MAX_POST_INTERVAL)
            revert PriceFeedBadBound(value, MIN_POST_INTERVAL, MAX_POST_INTERVAL);
        minPostInterval = value;
        emit MinPostIntervalSet(value);
    }
}
