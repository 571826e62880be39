// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {V2MathLib} from "../../../../contracts/libraries/V2MathLib.sol";
import {TestBase} from "../../utils/Vm.sol";

/// @notice A constant-product pool kept entirely with V2MathLib's maths, driven at random by the
///         invariant runner: deposits, withdrawals and swaps both ways, exact in and exact out.
///         It records (as ghost counters) every step that broke a per-step property, so the
///         invariant test can assert that none ever did.
contract ConstantProductHandler is TestBase {
    uint256 public constant ACTORS = 3;
    /// @notice Largest single deposit or swap input, in token wei: keeps reserves inside uint112.
    uint256 private constant MAX_AMOUNT = 1e30;

    uint256 public reserve0;
    uint256 public reserve1;
    uint256 public totalSupply;
    mapping(uint256 actor => uint256 liquidity) public balanceOf;

    /// @notice Swaps after which reserve0 * reserve1 (k) was lower than before.
    uint256 public ghostKDecreases;
    /// @notice Steps after which a reserve per LP token was lower than before.
    uint256 public ghostShareValueDecreases;
    uint256 public ghostSwaps;

    function deposit(uint256 actorSeed, uint256 amount0, uint256 amount1) external {
        amount0 = bound(amount0, 1, MAX_AMOUNT);
        amount1 = bound(amount1, 1, MAX_AMOUNT);
        uint256 minted = V2MathLib.liquidityMinted(
            amount0,
            amount1,
            reserve0,
            reserve1,
            totalSupply
        );
        if (minted == 0) return;
        uint256 supplyBefore = totalSupply == 0 ? V2MathLib.MINIMUM_LIQUIDITY : totalSupply;
        if (totalSupply == 0) totalSupply = V2MathLib.MINIMUM_LIQUIDITY;
        _step(reserve0 + amount0, reserve1 + amount1, supplyBefore + minted, false);
        balanceOf[actorSeed % ACTORS] += minted;
    }

    function withdraw(uint256 actorSeed, uint256 liquidity) external {
        uint256 actor = actorSeed % ACTORS;
        liquidity = bound(liquidity, 0, balanceOf[actor]);
        if (liquidity == 0) return;
        (uint256 out0, uint256 out1) = V2MathLib.shareOfReserves(
            liquidity,
            totalSupply,
            reserve0,
            reserve1
        );
        balanceOf[actor] -= liquidity;
        _step(reserve0 - out0, reserve1 - out1, totalSupply - liquidity, false);
    }

    function swapExactIn(bool zeroForOne, uint256 amountIn) external {
        if (totalSupply == 0) return;
        amountIn = bound(amountIn, 1, MAX_AMOUNT);
        (uint256 rIn, uint256 rOut) = zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0);
        uint256 amountOut = V2MathLib.getAmountOut(amountIn, rIn, rOut);
        _swap(zeroForOne, rIn + amountIn, rOut - amountOut);
    }

    function swapExactOut(bool zeroForOne, uint256 amountOut) external {
        if (totalSupply == 0) return;
        (uint256 rIn, uint256 rOut) = zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0);
        if (rOut < 2) return;
        amountOut = bound(amountOut, 1, rOut - 1);
        uint256 amountIn = V2MathLib.getAmountIn(amountOut, rIn, rOut);
        if (rIn + amountIn > V2MathLib.MAX_RESERVE) return;
        _swap(zeroForOne, rIn + amountIn, rOut - amountOut);
    }

    /// @notice What every LP (and the locked minimum) could withdraw now, summed per token.
    function redeemableByAll() external view returns (uint256 sum0, uint256 sum1) {
        if (totalSupply == 0) return (0, 0);
        for (uint256 i; i < ACTORS; ++i) {
            (uint256 a0, uint256 a1) = V2MathLib.shareOfReserves(
                balanceOf[i],
                totalSupply,
                reserve0,
                reserve1
            );
            sum0 += a0;
            sum1 += a1;
        }
        (uint256 m0, uint256 m1) = V2MathLib.shareOfReserves(
            V2MathLib.MINIMUM_LIQUIDITY,
            totalSupply,
            reserve0,
            reserve1
        );
        (sum0, sum1) = (sum0 + m0, sum1 + m1);
    }

    function liquidityHeld() external view returns (uint256 sum) {
        for (uint256 i; i < ACTORS; ++i) sum += balanceOf[i];
    }

    function _swap(bool zeroForOne, uint256 newIn, uint256 newOut) private {
        (uint256 new0, uint256 new1) = zeroForOne ? (newIn, newOut) : (newOut, newIn);
        if (new0 * new1 < reserve0 * reserve1) ++ghostKDecreases;
        ++ghostSwaps;
        _step(new0, new1, totalSupply, true);
    }

    /// @dev Moves to the new state, counting a fall of reserves per LP token. A swap trades one
    ///      reserve for the other, so for swaps the per-token value is sqrt(k) per LP token.
    function _step(uint256 new0, uint256 new1, uint256 newSupply, bool isSwap) private {
        bool fell =
            isSwap
                ? Math.sqrt(new0 * new1) < Math.sqrt(reserve0 * reserve1)
                : new0 * totalSupply < reserve0 * newSupply ||
                    new1 * totalSupply < reserve1 * newSupply;
        if (fell) ++ghostShareValueDecreases;
        (reserve0, reserve1, totalSupply) = (new0, new1, newSupply);
    }
}
