// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IUniswapV2Factory
/// @notice The part of the Uniswap V2 factory (and of SushiSwap's, which is the same code) that
///         the protocol calls: finding a pair and the protocol-fee recipient.
interface IUniswapV2Factory {
    /// @notice The pair of `tokenA` and `tokenB` (either order), or zero if none was created.
    function getPair(address tokenA, address tokenB) external view returns (address pair);

    /// @notice Where the pair's 1/6 protocol share of fees is minted, or zero when it is off.
    function feeTo() external view returns (address);
}
