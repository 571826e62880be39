// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITwapOracle
/// @notice The protocol's reference prices: time-weighted averages kept from Uniswap V2 pairs'
///         cumulative prices. For each tracked (token, base) pair it keeps two observations at
///         least `minWindow` apart, and answers with the average price since the newest
///         observation that is at least `minWindow` old, provided it is at most `maxWindow` old.
///         Moving that answer means holding the pair's price away from the market for
///         `minWindow` seconds across blocks, paying arbitrageurs throughout.
///
///         Anyone may record an observation (`update`), since cumulative prices cannot be moved
///         within a block; the rollover records one per cycle and the keeper once more at least
///         `minWindow` before the rollover, so that a fresh window is always available.
///         When no observation is usable, a governance-set fallback feed answers if its price
///         is at most `maxFeedAge` old; otherwise the oracle reverts.
///
///         Prices are Q112.112: raw units of `base` per raw unit of `token`, times 2**112.
interface ITwapOracle {
    /// @notice A zero address was given where a contract is required.
    error TwapOracleZeroAddress();
    /// @notice Window or age bounds outside the allowed ranges.
    error TwapOracleBadBounds(uint256 minWindow, uint256 maxWindow, uint256 maxFeedAge);
    /// @notice The factory has no non-empty pair for (token, base).
    error TwapOracleNoPair(address token, address base);
    /// @notice (token, base) is already tracked.
    error TwapOracleAlreadyTracked(address token, address base);
    /// @notice (token, base) is not tracked.
    error TwapOracleNotTracked(address token, address base);
    /// @notice Neither a TWAP within the window bounds nor a fresh fallback price is available.
    /// @param observationAge Age of the newest usable observation (seconds), or of the last one.
    error TwapOracleStale(address token, address base, uint256 observationAge);

    /// @notice (token, base) is now priced from `pair`.
    event PairTracked(address indexed token, address indexed base, address pair);
    /// @notice An observation of `pair`'s cumulative price of token in base was recorded.
    event ObservationRecorded(address indexed token, address indexed base, uint256 priceCumulative);
    /// @notice Governance set (or cleared, with zero) the fallback feed of (token, base).
    event FallbackFeedSet(address indexed token, address indexed base, address feed);

    /// @notice The Uniswap V2 factory whose pairs are observed.
    function factory() external view returns (address);

    /// @notice The shortest averaging window, in seconds.
    function minWindow() external view returns (uint256);

    /// @notice The longest averaging window (older observations are stale), in seconds.
    function maxWindow() external view returns (uint256);

    /// @notice The oldest a fallback feed's price may be, in seconds.
    function maxFeedAge() external view returns (uint256);

    /// @notice Starts tracking (token, base) from the factory's pair, recording a first
    ///         observation. Anyone may call it: the pair is the factory's, not the caller's.
    function track(address token, address base) external;

    /// @notice Records an observation if the last one is at least `minWindow` old.
    /// @return recorded Whether an observation was recorded.
    function update(address token, address base) external returns (bool recorded);

    /// @notice The reference price of `token` in `base`: the TWAP, else a fresh fallback price.
    /// @return priceX112 Raw `base` per raw `token`, Q112.112.
    function consult(address token, address base) external view returns (uint256 priceX112);

    /// @notice The fallback feed of (token, base), or zero.
    function fallbackFeed(address token, address base) external view returns (address);

    /// @notice Sets (or clears, with zero) the fallback feed of (token, base). Only governance
    ///         (the GOVERNANCE role of the protocol's role registry).
    function setFallbackFeed(address token, address base, address feed) external;
}
