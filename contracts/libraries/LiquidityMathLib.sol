// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title LiquidityMathLib
/// @notice Pure maths for two-asset pools whose value invariant is reserveA * reserveB (a Uniswap
///         V2 pair, a 50/50 Balancer weighted pool): proportional deposits, shares, and the
///         reserves the pool would hold at a reference price. Prices are Q112.112 (raw units of
///         the second asset per raw unit of the first), the unit of Uniswap V2's oracle.
/// @dev Every division rounds down, so amounts owed to the protocol are never overstated.
library LiquidityMathLib {
    /// @notice One, in Q112.112.
    uint256 internal constant Q112 = 2 ** 112;

    /// @notice The most of (`aDesired`, `bDesired`) that can be deposited in the pool's current
    ///         proportion `aReserve : bReserve` (the Uniswap V2 router's rule): one side is used
    ///         in full, the other scaled down to match.
    /// @dev Both reserves must be non-zero; callers refuse empty pools before calling this.
    function proportionalAmounts(
        uint256 aDesired,
        uint256 bDesired,
        uint256 aReserve,
        uint256 bReserve
    ) internal pure returns (uint256 a, uint256 b) {
        uint256 bForAllOfA = Math.mulDiv(aDesired, bReserve, aReserve);
        if (bForAllOfA <= bDesired) return (aDesired, bForAllOfA);
        return (Math.mulDiv(bDesired, aReserve, bReserve), bDesired);
    }

    /// @notice The reserves a constant-product pool with reserves (`aReserve`, `bReserve`) would
    ///         hold if its price of a in b were `priceX112`, at the same invariant:
    ///         a' = sqrt(k / p), b' = sqrt(k * p). Swaps only raise k, so valuing a position with
    ///         these reserves at a TWAP price cannot be moved by a same-transaction swap.
    function reservesAtPrice(
        uint256 aReserve,
        uint256 bReserve,
        uint256 priceX112
    ) internal pure returns (uint256 a, uint256 b) {
        // a' is the geometric mean of a's reserve and b's reserve expressed in a (b / p), and
        // symmetrically for b'. Checked arithmetic reverts only if a product of a reserve and a
        // converted reserve passes 2**256, i.e. far beyond any real pool's reserves and price.
        a = Math.sqrt(aReserve * Math.mulDiv(bReserve, Q112, priceX112));
        b = Math.sqrt(bReserve * Math.mulDiv(aReserve, priceX112, Q112));
    }

    /// @notice `amount` of an asset converted at `priceX112` (a in b), rounded down.
    function quote(uint256 amount, uint256 priceX112) internal pure returns (uint256) {
        return Math.mulDiv(amount, priceX112, Q112);
    }

    /// @notice `amount` of b converted back to a at `priceX112` (a in b), rounded down.
    function quoteInverse(uint256 amount, uint256 priceX112) internal pure returns (uint256) {
        return Math.mulDiv(amount, Q112, priceX112);
    }

    /// @notice `liquidity`'s pro-rata share of `reserve` when `supply` LP units exist.
    function share(uint256 reserve, uint256 liquidity, uint256 supply) internal pure returns (uint256) {
        return Math.mulDiv(reserve, liquidity, supply);
    }
}
