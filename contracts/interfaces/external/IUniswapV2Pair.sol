// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IUniswapV2Pair
/// @notice The part of a Uniswap V2 / SushiSwap pair the protocol calls. The pair is also the
///         ERC-20 of its LP token.
interface IUniswapV2Pair {
    function token0() external view returns (address);
    function token1() external view returns (address);

    /// @notice Reserves as of the last interaction, and that interaction's timestamp mod 2**32.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);

    /// @notice Sum over time of token0's price in token1 (UQ112x112 times seconds), as of the
    ///         last interaction; wraps on overflow by design.
    function price0CumulativeLast() external view returns (uint256);

    /// @notice As `price0CumulativeLast`, for token1's price in token0.
    function price1CumulativeLast() external view returns (uint256);

    /// @notice reserve0 * reserve1 as of the last mint or burn when the protocol fee is on.
    function kLast() external view returns (uint256);

    /// @notice Mints LP tokens to `to` for the tokens sent to the pair since its last update.
    function mint(address to) external returns (uint256 liquidity);

    /// @notice Burns the LP tokens sent to the pair and sends the underlying tokens to `to`.
    function burn(address to) external returns (uint256 amount0, uint256 amount1);

    /// @notice Swaps tokens sent in beforehand for `amount0Out` / `amount1Out` sent to `to`.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;

    /// @notice Forces the reserves to match the pair's balances.
    function sync() external;

    function totalSupply() external view returns (uint256);
    function balanceOf(address owner) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
}
