// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IUniswapV2Factory} from "../../interfaces/external/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../../interfaces/external/IUniswapV2Pair.sol";
import {IUniswapV2StyleAdapter} from "../../interfaces/IUniswapV2StyleAdapter.sol";
import {V2MathLib} from "../../libraries/V2MathLib.sol";
import {VenueAdapterBase} from "../VenueAdapterBase.sol";

/// @title UniswapV2StyleAdapter
/// @notice Uniswap V2 and SushiSwap (the same pair code at another factory): deploy one instance
///         per factory. Only the pair encoding lives here; the flow is in VenueAdapterBase.
contract UniswapV2StyleAdapter is VenueAdapterBase, IUniswapV2StyleAdapter {
    using SafeERC20 for IERC20;

    IUniswapV2Factory private immutable _factory;

    /// @param allocator_ The only address allowed to move liquidity.
    /// @param factory_   The venue's Uniswap V2-style factory.
    constructor(address allocator_, address factory_) VenueAdapterBase(allocator_) {
        if (factory_ == address(0)) revert VenueAdapterZeroAddress();
        _factory = IUniswapV2Factory(factory_);
    }

    /// @inheritdoc IUniswapV2StyleAdapter
    function factory() external view returns (address) {
        return address(_factory);
    }

    function _findPool(address token, address base) internal view override returns (bool, PoolRef memory ref) {
        address pair = _factory.getPair(token, base);
        // Pairs sort their tokens by address; token == base has no pair, so this is exact.
        ref.lpToken = pair;
        ref.tokenIsFirst = token < base;
        return (pair != address(0), ref);
    }

    function _reserves(PoolRef memory ref) internal view override returns (uint256, uint256) {
        (uint112 reserve0, uint112 reserve1, ) = IUniswapV2Pair(ref.lpToken).getReserves();
        return ref.tokenIsFirst ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    /// @dev Adds the LP units the pair will mint to `feeTo` at its next mint or burn (the pair's
    ///      own `_mintFee` formula), which dilute every existing position.
    function _lpSupply(PoolRef memory ref) internal view override returns (uint256 supply) {
        IUniswapV2Pair pair = IUniswapV2Pair(ref.lpToken);
        supply = pair.totalSupply();
        if (_factory.feeTo() == address(0)) return supply;
        supply += V2MathLib.protocolFeeLiquidity(supply, ref.tokenReserve, ref.baseReserve, pair.kLast());
    }

    function _depositPayee(PoolRef memory ref) internal pure override returns (address) {
        return ref.lpToken;
    }

    function _join(PoolRef memory ref, address, address, uint256, uint256) internal override {
        IUniswapV2Pair(ref.lpToken).mint(address(this));
    }

    function _exit(PoolRef memory ref, address, address, uint256 liquidity) internal override {
        IERC20(ref.lpToken).safeTransfer(ref.lpToken, liquidity);
        IUniswapV2Pair(ref.lpToken).burn(msg.sender);
    }
}
