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

    /// @notice Most pairs a swap goes through (slashed TOKE -> base -> token).
    uint256 public constant MAX_SWAP_HOPS = 2;

    IUniswapV2Factory private immutable _factory;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
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

    /// @inheritdoc IUniswapV2StyleAdapter
    function swapExactIn(
        address[] calldata path,
        uint256 amountIn,
        uint256 minOut,
        uint256 deadline
    ) external onlyAllocator beforeDeadline(deadline) returns (uint256 amountOut) {
        uint256 hops = path.length - (path.length == 0 ? 0 : 1);
        if (hops == 0 || hops > MAX_SWAP_HOPS) revert VenueAdapterBadPath(path.length);
        if (amountIn == 0) revert VenueAdapterZeroAmount();
        address tokenOut = path[hops];
        address pair = _pairOf(path[0], path[1]);
        IERC20(path[0]).safeTransferFrom(msg.sender, pair, amountIn);
        uint256 before = IERC20(tokenOut).balanceOf(msg.sender);
        for (uint256 i; i < hops; ++i) {
            address next = i + 1 < hops ? _pairOf(path[i + 1], path[i + 2]) : msg.sender;
            _swapAt(IUniswapV2Pair(pair), path[i], next);
            pair = next;
        }
        amountOut = IERC20(tokenOut).balanceOf(msg.sender) - before;
        _checkMinimum(tokenOut, amountOut, minOut);
        emit Swapped(path[0], tokenOut, amountIn, amountOut);
    }

    /// @dev The pair of `a` and `b`, or a revert naming them.
    function _pairOf(address a, address b) private view returns (address pair) {
        pair = _factory.getPair(a, b);
        if (pair == address(0)) revert VenueAdapterPoolNotFound(a, b);
    }

    /// @dev Swaps what was sent to `pair` of `tokenIn` (its balance above the reserve) for the
    ///      other token, paid to `to`: the pair's own formula, fee included.
    function _swapAt(IUniswapV2Pair pair, address tokenIn, address to) private {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        bool inIsFirst = tokenIn == pair.token0();
        (uint256 reserveIn, uint256 reserveOut) = inIsFirst
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        uint256 amountIn = IERC20(tokenIn).balanceOf(address(pair)) - reserveIn;
        uint256 out = V2MathLib.getAmountOut(amountIn, reserveIn, reserveOut);
        (uint256 out0, uint256 out1) = inIsFirst ? (uint256(0), out) : (out, uint256(0));
        pair.swap(out0, out1, to, "");
    }

    function _findPool(
        address token,
        address base
    ) internal view override returns (bool, PoolRef memory ref) {
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
        supply += V2MathLib.protocolFeeLiquidity(
            supply,
            ref.tokenReserve,
            ref.baseReserve,
            pair.kLast()
        );
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
