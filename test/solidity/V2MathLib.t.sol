// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {V2MathLib} from "../../contracts/libraries/V2MathLib.sol";
import {TestBase} from "./utils/Vm.sol";

/// @notice External entry points, so that tests can expect the library's reverts.
contract V2MathLibHarness {
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256) {
        return V2MathLib.getAmountOut(amountIn, reserveIn, reserveOut);
    }

    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256) {
        return V2MathLib.getAmountIn(amountOut, reserveIn, reserveOut);
    }

    function shareOfReserves(
        uint256 liquidity,
        uint256 totalSupply,
        uint256 reserve0,
        uint256 reserve1
    ) external pure returns (uint256, uint256) {
        return V2MathLib.shareOfReserves(liquidity, totalSupply, reserve0, reserve1);
    }

    function liquidityMinted(
        uint256 amount0,
        uint256 amount1,
        uint256 reserve0,
        uint256 reserve1,
        uint256 totalSupply
    ) external pure returns (uint256) {
        return V2MathLib.liquidityMinted(amount0, amount1, reserve0, reserve1, totalSupply);
    }
}

/// @notice Fuzz tests of V2MathLib against the pair's own acceptance rule rather than against
///         the library's formula: UniswapV2Pair.swap accepts an output iff
///         (balanceIn * 1000 - amountIn * 3) * (balanceOut * 1000) >= reserveIn * reserveOut * 1000^2.
contract V2MathLibTest is TestBase {
    uint256 private constant MAX = V2MathLib.MAX_RESERVE;
    /// @notice Smallest reserve the fuzzer uses: below it every output rounds to zero.
    uint256 private constant MIN_RESERVE = 1000;

    V2MathLibHarness private harness;

    function setUp() public {
        harness = new V2MathLibHarness();
    }

    /// @dev The pair's k check (UniswapV2Pair.swap), for a swap of `amountIn` in and `amountOut` out.
    function pairAccepts(
        uint256 amountIn,
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) private pure returns (bool) {
        if (amountOut >= reserveOut) return false;
        uint256 adjustedIn = (reserveIn + amountIn) * 1000 - amountIn * 3;
        uint256 adjustedOut = (reserveOut - amountOut) * 1000;
        return adjustedIn * adjustedOut >= reserveIn * reserveOut * 1_000_000;
    }

    function testFuzz_getAmountOut_isTheLargestOutputThePairAccepts(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) public pure {
        reserveIn = bound(reserveIn, MIN_RESERVE, MAX - 1);
        reserveOut = bound(reserveOut, MIN_RESERVE, MAX);
        amountIn = bound(amountIn, 1, MAX - reserveIn);
        uint256 amountOut = V2MathLib.getAmountOut(amountIn, reserveIn, reserveOut);
        assertTrue(
            pairAccepts(amountIn, amountOut, reserveIn, reserveOut),
            "pair rejects getAmountOut"
        );
        assertTrue(
            !pairAccepts(amountIn, amountOut + 1, reserveIn, reserveOut),
            "one more wei accepted"
        );
    }

    function testFuzz_getAmountIn_isTheSmallestInputThatBuysTheOutput(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) public pure {
        reserveIn = bound(reserveIn, MIN_RESERVE, MAX / 4);
        reserveOut = bound(reserveOut, MIN_RESERVE, MAX);
        // At most half the reserve out: the input needed is then about reserveIn at most, so the
        // pair still fits reserveIn + amountIn in uint112.
        amountOut = bound(amountOut, 1, reserveOut / 2);
        uint256 amountIn = V2MathLib.getAmountIn(amountOut, reserveIn, reserveOut);
        assertTrue(pairAccepts(amountIn, amountOut, reserveIn, reserveOut), "input too small");
        assertGe(V2MathLib.getAmountOut(amountIn, reserveIn, reserveOut), amountOut, "round trip");
        if (amountIn > 1) {
            assertTrue(
                !pairAccepts(amountIn - 1, amountOut, reserveIn, reserveOut),
                "input not minimal"
            );
        }
    }

    function testFuzz_quote_isProportionalRoundedDown(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) public pure {
        reserveA = bound(reserveA, 1, MAX);
        reserveB = bound(reserveB, 1, MAX);
        amountA = bound(amountA, 1, MAX);
        uint256 amountB = V2MathLib.quote(amountA, reserveA, reserveB);
        assertLe(amountB * reserveA, amountA * reserveB, "rounded up");
        assertTrue((amountB + 1) * reserveA > amountA * reserveB, "more than 1 wei short");
    }

    function testFuzz_shareOfReserves_partsNeverExceedTheWhole(
        uint256 liquidityA,
        uint256 liquidityB,
        uint256 totalSupply,
        uint256 reserve0,
        uint256 reserve1
    ) public pure {
        totalSupply = bound(totalSupply, 1, MAX);
        liquidityA = bound(liquidityA, 0, totalSupply);
        liquidityB = bound(liquidityB, 0, totalSupply - liquidityA);
        reserve0 = bound(reserve0, 0, MAX);
        reserve1 = bound(reserve1, 0, MAX);
        (uint256 a0, uint256 a1) = V2MathLib.shareOfReserves(
            liquidityA,
            totalSupply,
            reserve0,
            reserve1
        );
        (uint256 b0, uint256 b1) = V2MathLib.shareOfReserves(
            liquidityB,
            totalSupply,
            reserve0,
            reserve1
        );
        (uint256 w0, uint256 w1) = V2MathLib.shareOfReserves(
            liquidityA + liquidityB,
            totalSupply,
            reserve0,
            reserve1
        );
        // Splitting a position never pays more than holding it whole; the whole is at most all.
        assertLe(a0 + b0, w0, "split pays more token0");
        assertLe(a1 + b1, w1, "split pays more token1");
        assertLe(w0, reserve0, "more than the reserve0");
        assertLe(w1, reserve1, "more than the reserve1");
    }

    function testFuzz_liquidityMinted_neverDilutesExistingLPs(
        uint256 amount0,
        uint256 amount1,
        uint256 reserve0,
        uint256 reserve1,
        uint256 totalSupply
    ) public pure {
        reserve0 = bound(reserve0, 1, MAX - 1);
        reserve1 = bound(reserve1, 1, MAX - 1);
        totalSupply = bound(totalSupply, 1, MAX);
        amount0 = bound(amount0, 0, MAX - reserve0);
        amount1 = bound(amount1, 0, MAX - reserve1);
        uint256 minted = V2MathLib.liquidityMinted(
            amount0,
            amount1,
            reserve0,
            reserve1,
            totalSupply
        );
        // Reserves per LP token do not fall: (r + a) / (s + minted) >= r / s on both sides.
        assertGe(
            (reserve0 + amount0) * totalSupply,
            reserve0 * (totalSupply + minted),
            "token0 diluted"
        );
        assertGe(
            (reserve1 + amount1) * totalSupply,
            reserve1 * (totalSupply + minted),
            "token1 diluted"
        );
    }

    function test_liquidityMinted_firstDepositLocksMinimumLiquidity() public pure {
        // sqrt(4e18 * 1e18) = 2e18, minus the 1000 wei the pair locks at address(0).
        assertEq(V2MathLib.liquidityMinted(4e18, 1e18, 0, 0, 0), 2e18 - 1000, "first mint");
    }

    function test_protocolFeeLiquidity_isOneSixthOfRootKGrowth() public pure {
        // sqrt(k) grew from 1000e18 to 1060e18 with 1000e18 LP tokens: the pair mints
        // 1000e18 * 60e18 / (5 * 1060e18 + 1000e18) = 9.5238...e18 LP tokens to feeTo.
        uint256 minted = V2MathLib.protocolFeeLiquidity(
            1000e18,
            1060e18,
            1060e18,
            1000e18 * 1000e18
        );
        assertEq(minted, uint256(1000e18 * 60e18) / 6300e18, "protocol fee liquidity");
        assertEq(V2MathLib.protocolFeeLiquidity(1000e18, 1060e18, 1060e18, 0), 0, "fee off");
    }

    function test_getAmountOut_revertsOnEmptyOrOverflowingPools() public {
        vm.expectRevert(abi.encodeWithSelector(V2MathLib.V2MathLibEmptyPool.selector, 0, 1));
        harness.getAmountOut(1, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(V2MathLib.V2MathLibZeroAmount.selector));
        harness.getAmountOut(0, 1, 1);
        vm.expectRevert(
            abi.encodeWithSelector(V2MathLib.V2MathLibReserveOverflow.selector, MAX + 1, MAX)
        );
        harness.getAmountOut(2, MAX - 1, 1);
    }

    function test_getAmountIn_revertsWhenAskingForTheWholeReserve() public {
        vm.expectRevert(
            abi.encodeWithSelector(V2MathLib.V2MathLibInsufficientLiquidity.selector, 100, 100)
        );
        harness.getAmountIn(100, 100, 100);
    }

    function test_shareOfReserves_revertsAboveTheSupply() public {
        vm.expectRevert(
            abi.encodeWithSelector(V2MathLib.V2MathLibLiquidityExceedsSupply.selector, 11, 10)
        );
        harness.shareOfReserves(11, 10, 100, 100);
    }

    function test_liquidityMinted_revertsOnADustFirstDeposit() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                V2MathLib.V2MathLibInsufficientInitialLiquidity.selector,
                1000,
                1000
            )
        );
        harness.liquidityMinted(1000, 1000, 0, 0, 0);
    }
}
