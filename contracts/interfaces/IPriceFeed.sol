// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPriceFeed
/// @notice Asset-to-TOKE prices for the emission formula, set by governance and refreshed by the
///         keeper within bounds, until the venues issue brings a TWAP from Uniswap V2 cumulative
///         prices. A price is TOKE wei per asset wei, 1e18-scaled (1e18 = 1:1), so an amount of
///         asset wei times the price over 1e18 is its value in TOKE wei whatever the decimals.
///
///         - Governance (a timelock) sets any price in (0, MAX_PRICE] and the bounds.
///         - The keeper posts a fresher price that moves at most `maxDeviationBps` from the last
///           one, so a compromised keeper can only drift a price slowly, one post at a time, and
///           no more often than `minPostInterval`.
///         - A price older than `maxAge` is stale: `price` reverts, `tryPrice` says so.
///         - TOKE itself is always priced 1:1.
/// @dev Warning: a governance-set price is only as good as governance's diligence; the emission
///      controller treats a stale or missing price as "no weight" for that Reactor, never as a
///      revert, so a stale feed cuts emissions but cannot stall a rollover.
interface IPriceFeed {
    /// @notice A stored price and when it was set.
    struct Price {
        uint192 price;
        uint64 updatedAt;
    }

    /// @notice `price` is zero or above MAX_PRICE.
    error PriceFeedBadPrice(address asset, uint256 price);
    /// @notice `asset` has no price.
    error PriceFeedUnknownAsset(address asset);
    /// @notice `asset`'s price was set at `updatedAt`, older than `maxAge`.
    error PriceFeedStale(address asset, uint256 updatedAt, uint256 maxAge);
    /// @notice A keeper post moves `asset` from `oldPrice` to `newPrice`, more than `maxDeviationBps`.
    error PriceFeedDeviation(
        address asset,
        uint256 oldPrice,
        uint256 newPrice,
        uint256 maxDeviationBps
    );
    /// @notice A keeper post comes before `nextAllowed`.
    error PriceFeedTooSoon(address asset, uint256 nextAllowed);
    /// @notice A bound is outside its allowed range.
    error PriceFeedBadBound(uint256 value, uint256 min, uint256 max);
    /// @notice The TOKE address is zero, or TOKE's price cannot be set.
    error PriceFeedBadAsset(address asset);

    /// @notice `asset`'s price became `price` (TOKE wei per asset wei, 1e18-scaled), set by `by`.
    event PriceSet(address indexed asset, uint256 price, address indexed by);
    /// @notice Governance set the staleness bound.
    event MaxAgeSet(uint256 maxAge);
    /// @notice Governance set the keeper's deviation bound.
    event MaxDeviationSet(uint256 maxDeviationBps);
    /// @notice Governance set the keeper's minimum interval between posts.
    event MinPostIntervalSet(uint256 minPostInterval);

    /// @notice The TOKE token (priced 1:1).
    function toke() external view returns (address);

    /// @notice Seconds after which a price is stale.
    function maxAge() external view returns (uint256);

    /// @notice Largest move of a keeper post, basis points of the last price.
    function maxDeviationBps() external view returns (uint256);

    /// @notice Shortest time between two keeper posts for one asset, seconds.
    function minPostInterval() external view returns (uint256);

    /// @notice The stored price of `asset` (zero if none), and when it was set.
    function priceData(address asset) external view returns (Price memory);

    /// @notice `asset`'s fresh price; reverts if unknown or stale.
    function price(address asset) external view returns (uint256);

    /// @notice `asset`'s price and whether it is known and fresh (never reverts).
    function tryPrice(address asset) external view returns (bool ok, uint256 value);

    /// @notice Sets `asset`'s price (governance), any value in (0, MAX_PRICE].
    function setPrice(address asset, uint256 value) external;

    /// @notice Refreshes `asset`'s known price (keeper), within `maxDeviationBps` of the last one
    ///         and at least `minPostInterval` after it.
    function postPrice(address asset, uint256 value) external;

    /// @notice Sets the staleness bound (governance), within [MIN_MAX_AGE, MAX_MAX_AGE] seconds.
    function setMaxAge(uint256 maxAge) external;

    /// @notice Sets the keeper's deviation bound (governance), within [1, MAX_DEVIATION_BPS].
    function setMaxDeviationBps(uint256 maxDeviationBps) external;

    /// @notice Sets the keeper's minimum interval (governance), within [MIN_POST_INTERVAL,
    ///         MAX_POST_INTERVAL] seconds: never zero, so n posts in one block cannot move a price
    ///         by (1 + dev)^n.
    function setMinPostInterval(uint256 minPostInterval) external;
}
