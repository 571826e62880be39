// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title V2MathLib
/// @notice Constant-product maths of Uniswap V2 and SushiSwap pairs (0.3% fee), for venue
///         adapters that talk to pairs directly: swap amounts, proportional quotes, the LP tokens a
///         deposit mints and the reserves a position redeems for.
/// @dev Every result is rounded the way the pair rounds, in the pair's favour: outputs down,
///      required inputs up. Reserves are bounded by the pair's uint112 storage, so products of
///      two reserves cannot overflow; products with an LP supply use full-precision mulDiv.
library V2MathLib {
    /// @notice The part of an input that counts toward the swap, per FEE_DENOMINATOR (0.3% fee).
    uint256 internal constant FEE_NUMERATOR = 997;
    uint256 internal constant FEE_DENOMINATOR = 1000;
    /// @notice LP tokens (wei) the pair locks at address(0) on the first deposit.
    uint256 internal constant MINIMUM_LIQUIDITY = 1000;
    /// @notice Largest reserve a pair can hold (it stores reserves as uint112), in token wei.
    uint256 internal constant MAX_RESERVE = type(uint112).max;
    /// @notice The pair mints the protocol 1/6 of fee growth: liquidity = s * d / (5 * rootK + rootKLast).
    uint256 internal constant PROTOCOL_FEE_ROOT_K_MULTIPLIER = 5;

    /// @notice An amount that must be positive was zero.
    error V2MathLibZeroAmount();
    /// @notice A reserve or LP supply that must be positive was zero.
    error V2MathLibEmptyPool(uint256 reserveA, uint256 reserveB);
    /// @notice A reserve (after the operation) would not fit the pair's uint112 storage.
    error V2MathLibReserveOverflow(uint256 reserve, uint256 maxReserve);
    /// @notice The requested output is not smaller than the reserve it comes from.
    error V2MathLibInsufficientLiquidity(uint256 amountOut, uint256 reserveOut);
    /// @notice More LP tokens than exist were asked to be redeemed.
    error V2MathLibLiquidityExceedsSupply(uint256 liquidity, uint256 totalSupply);
    /// @notice A first deposit too small to mint more than the locked minimum liquidity.
    error V2MathLibInsufficientInitialLiquidity(uint256 amount0, uint256 amount1);

    /// @notice Output of swapping exactly `amountIn` against the reserves, after the 0.3% fee.
    /// @dev The largest output the pair's k check accepts (UniswapV2Library.getAmountOut).
    /// @param amountIn   Input amount, in the input token's wei; positive.
    /// @param reserveIn  Pair reserve of the input token; positive, reserveIn + amountIn <= MAX_RESERVE.
    /// @param reserveOut Pair reserve of the output token; positive, <= MAX_RESERVE.
    /// @return amountOut Output amount, rounded down.
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256 amountOut) {
        if (amountIn == 0) revert V2MathLibZeroAmount();
        _checkReserves(reserveIn, reserveOut);
        _checkReserve(reserveIn + amountIn);
        uint256 amountInWithFee = amountIn * FEE_NUMERATOR;
        amountOut =
            (amountInWithFee * reserveOut) / (reserveIn * FEE_DENOMINATOR + amountInWithFee);
    }

    /// @notice Smallest input that buys at least `amountOut`, fee included.
    /// @dev Exactly the minimum (ceil); Uniswap's router adds 1 to a floor instead, which can be
    ///      1 wei more than needed.
    /// @param amountOut  Wanted output; positive and below reserveOut.
    /// @param reserveIn  Pair reserve of the input token; positive, <= MAX_RESERVE.
    /// @param reserveOut Pair reserve of the output token; positive, <= MAX_RESERVE.
    /// @return amountIn Required input, rounded up.
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256 amountIn) {
        if (amountOut == 0) revert V2MathLibZeroAmount();
        _checkReserves(reserveIn, reserveOut);
        if (amountOut >= reserveOut) revert V2MathLibInsufficientLiquidity(amountOut, reserveOut);
        amountIn = Math.mulDiv(
            reserveIn * amountOut,
            FEE_DENOMINATOR,
            (reserveOut - amountOut) * FEE_NUMERATOR,
            Math.Rounding.Ceil
        );
    }

    /// @notice Amount of B worth `amountA` at the pool's current price, with no fee or price impact.
    /// @param amountA  Amount of token A; positive.
    /// @param reserveA Pair reserve of A; positive, <= MAX_RESERVE.
    /// @param reserveB Pair reserve of B; positive, <= MAX_RESERVE.
    /// @return amountB Equivalent amount of B, rounded down.
    function quote(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) internal pure returns (uint256 amountB) {
        if (amountA == 0) revert V2MathLibZeroAmount();
        _checkReserves(reserveA, reserveB);
        amountB = Math.mulDiv(amountA, reserveB, reserveA);
    }

    /// @notice LP tokens the pair mints for depositing `amount0` and `amount1` (protocol fee off,
    ///         or already accounted in `totalSupply` via protocolFeeLiquidity).
    /// @dev First deposit: sqrt(amount0 * amount1) - MINIMUM_LIQUIDITY. Later: the smaller of the
    ///      two proportional shares, so an off-ratio deposit donates its excess to the pool.
    /// @param amount0     Token0 deposited; the new reserve must stay <= MAX_RESERVE.
    /// @param amount1     Token1 deposited; the new reserve must stay <= MAX_RESERVE.
    /// @param reserve0    Pair reserve of token0 before the deposit (0 for an empty pair).
    /// @param reserve1    Pair reserve of token1 before the deposit (0 for an empty pair).
    /// @param totalSupply LP supply before the deposit (0 for an empty pair).
    /// @return liquidity LP tokens minted to the depositor, rounded down.
    function liquidityMinted(
        uint256 amount0,
        uint256 amount1,
        uint256 reserve0,
        uint256 reserve1,
        uint256 totalSupply
    ) internal pure returns (uint256 liquidity) {
        _checkReserve(reserve0 + amount0);
        _checkReserve(reserve1 + amount1);
        if (totalSupply == 0) {
            uint256 root = Math.sqrt(amount0 * amount1);
            if (root <= MINIMUM_LIQUIDITY)
                revert V2MathLibInsufficientInitialLiquidity(amount0, amount1);
            return root - MINIMUM_LIQUIDITY;
        }
        _checkReserves(reserve0, reserve1);
        liquidity = Math.min(
            Math.mulDiv(amount0, totalSupply, reserve0),
            Math.mulDiv(amount1, totalSupply, reserve1)
        );
    }

    /// @notice The reserves `liquidity` LP tokens redeem for (what the pair's burn pays).
    /// @param liquidity   LP tokens redeemed; at most totalSupply.
    /// @param totalSupply LP supply, including any protocol-fee liquidity the burn mints first.
    /// @param reserve0    Pair reserve (balance) of token0; <= MAX_RESERVE.
    /// @param reserve1    Pair reserve (balance) of token1; <= MAX_RESERVE.
    /// @return amount0 Token0 paid out, rounded down.
    /// @return amount1 Token1 paid out, rounded down.
    function shareOfReserves(
        uint256 liquidity,
        uint256 totalSupply,
        uint256 reserve0,
        uint256 reserve1
    ) internal pure returns (uint256 amount0, uint256 amount1) {
        if (totalSupply == 0) revert V2MathLibEmptyPool(0, 0);
        if (liquidity > totalSupply) revert V2MathLibLiquidityExceedsSupply(liquidity, totalSupply);
        _checkReserve(reserve0);
        _checkReserve(reserve1);
        amount0 = Math.mulDiv(liquidity, reserve0, totalSupply);
        amount1 = Math.mulDiv(liquidity, reserve1, totalSupply);
    }

    /// @notice LP tokens the pair mints to its `feeTo` before the next mint or burn: 1/6 of the
    ///         growth of sqrt(k) since `kLast` (SushiSwap mainnet has the fee on).
    /// @dev Add the result to totalSupply before calling liquidityMinted or shareOfReserves, or a
    ///      position is over-valued by up to 1/6 of the fees earned since the last mint or burn.
    /// @param totalSupply LP supply now.
    /// @param reserve0    Pair reserve of token0; <= MAX_RESERVE.
    /// @param reserve1    Pair reserve of token1; <= MAX_RESERVE.
    /// @param kLast       The pair's kLast (0 when the fee is off).
    /// @return liquidity LP tokens the protocol will be minted, rounded down.
    function protocolFeeLiquidity(
        uint256 totalSupply,
        uint256 reserve0,
        uint256 reserve1,
        uint256 kLast
    ) internal pure returns (uint256 liquidity) {
        _checkReserve(reserve0);
        _checkReserve(reserve1);
        if (kLast == 0) return 0;
        uint256 rootK = Math.sqrt(reserve0 * reserve1);
        uint256 rootKLast = Math.sqrt(kLast);
        if (rootK <= rootKLast) return 0;
        liquidity = Math.mulDiv(
            totalSupply,
            rootK - rootKLast,
            rootK * PROTOCOL_FEE_ROOT_K_MULTIPLIER + rootKLast
        );
    }

    function _checkReserves(uint256 reserveA, uint256 reserveB) private pure {
        if (reserveA == 0 || reserveB == 0) revert V2MathLibEmptyPool(reserveA, reserveB);
        _checkReserve(reserveA);
        _checkReserve(reserveB);
    }

    function _checkReserve(uint256 reserve) private pure {
        if (reserve > MAX_RESERVE) revert V2MathLibReserveOverflow(reserve, MAX_RESERVE);
    }
}
