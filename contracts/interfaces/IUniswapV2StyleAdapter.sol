// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVenueAdapter} from "./IVenueAdapter.sol";

/// @title IUniswapV2StyleAdapter
/// @notice A venue adapter for any factory running Uniswap V2's pair code (Uniswap V2 itself,
///         SushiSwap): one deployment per factory. It talks to pairs directly (tokens sent to the
///         pair, then `mint` / `burn`), never through a router, so a router's hard-coded pair
///         init-code hash does not matter.
/// @dev Warning: pairs are whatever `factory.getPair` returns; the factory must be the venue's
///      real factory, fixed at construction.
interface IUniswapV2StyleAdapter is IVenueAdapter {
    /// @notice A swap path is shorter than two tokens or longer than MAX_SWAP_HOPS + 1.
    error VenueAdapterBadPath(uint256 length);

    /// @notice `amountIn` of `tokenIn` were sold for `amountOut` of `tokenOut` (the allocator
    ///         turning slashed TOKE into a Reactor's asset).
    event Swapped(
        address indexed tokenIn,
        address indexed tokenOut,
        uint256 amountIn,
        uint256 amountOut
    );

    /// @notice The factory whose pairs this adapter provides liquidity to.
    function factory() external view returns (address);

    /// @notice Sells `amountIn` of `path[0]` for `path[last]` through the factory's pairs along
    ///         `path`, paying the allocator (only caller). The allocator's only use is turning
    ///         slashed LD stake into the asset a loss is owed in (docs/venues.md).
    /// @param path     Tokens from the one sold to the one bought, 2 to MAX_SWAP_HOPS + 1 long.
    /// @param amountIn Amount of `path[0]` pulled from the allocator (it must have approved it).
    /// @param minOut   Least of `path[last]` the allocator must receive (balance delta), else the
    ///                 call reverts: the caller derives it from a TWAP, never spot reserves.
    /// @param deadline Timestamp after which the call reverts.
    /// @return amountOut `path[last]` the allocator received.
    function swapExactIn(
        address[] calldata path,
        uint256 amountIn,
        uint256 minOut,
        uint256 deadline
    ) external returns (uint256 amountOut);
}
