// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IFallbackPriceFeed
/// @notice A price source governance may set as the fallback of the TWAP oracle for a pair, for
///         when the TWAP cannot answer (no observation in its window). Its answer is trusted
///         as long as it is fresh, so it must itself be manipulation-resistant (e.g. an adapter
///         around a Chainlink aggregator).
interface IFallbackPriceFeed {
    /// @notice The price of `token` in `base` and when it was last updated.
    /// @return priceX112 Raw units of `base` per raw unit of `token`, Q112.112.
    /// @return updatedAt Timestamp of the price.
    function latestPrice(address token, address base) external view returns (uint256 priceX112, uint256 updatedAt);
}
