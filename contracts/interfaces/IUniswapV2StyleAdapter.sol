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
    /// @notice The factory whose pairs this adapter provides liquidity to.
    function factory() external view returns (address);
}
