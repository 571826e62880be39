// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title DeGenesisLib
/// @notice Pure maths of the DeGenesis sale: USD valuation, the price curve and the split of one
///         wallet's commitment into TOKE, sale, Genesis and refund parts.
/// @dev USD amounts have 18 decimals. Rounding: a wallet's USD value and its TOKE round down;
///      the sold part of each asset rounds up and its Genesis part down, so the wallet's refund
///      absorbs the dust and the sum over wallets never exceeds what finalisation left in the
///      contract (which sent the floor of the totals' sold part to the Treasury).
library DeGenesisLib {
    /// @notice Fixed-point unit of prices and of 1 ETH.
    uint256 internal constant WAD = 1e18;

    /// @notice Finalised split: `total` USD committed, of which `sale` bought TOKE and `genesis`
    ///         went to the Genesis pools; the rest (total - sale - genesis) is refunded.
    struct Split {
        uint256 total;
        uint256 sale;
        uint256 genesis;
    }

    /// @notice USD value of `eth` wei plus `usdc` units.
    /// @param eth         Wei.
    /// @param usdc        USDC units.
    /// @param ethUsdPrice USD per ETH, 18 decimals.
    /// @param usdcScale   10 ** (18 - USDC decimals).
    function usdValue(
        uint256 eth,
        uint256 usdc,
        uint256 ethUsdPrice,
        uint256 usdcScale
    ) internal pure returns (uint256) {
        return usdc * usdcScale + Math.mulDiv(eth, ethUsdPrice, WAD);
    }

    /// @notice The global split for a total of `total` USD against `target` and `overflowCap`.
    /// @param total       USD committed.
    /// @param target      Target raise, USD.
    /// @param overflowCap Total above which commitments are refunded, USD.
    /// @return s The split.
    function split(
        uint256 total,
        uint256 target,
        uint256 overflowCap
    ) internal pure returns (Split memory s) {
        s.total = total;
        s.sale = Math.min(total, target);
        s.genesis = Math.min(total, overflowCap) - s.sale;
    }

    /// @notice TOKE price (USD, 18 decimals) for a total of `total` USD: total / allocation up to
    ///         the target, where it reaches the base price, and the base price above it.
    /// @param total      USD committed.
    /// @param target     Target raise, USD.
    /// @param allocation TOKE sold, wei.
    /// @dev The caller guarantees allocation = target / basePrice, so min(total, target) /
    ///      allocation is the curve in both regions. Rounded down.
    function price(
        uint256 total,
        uint256 target,
        uint256 allocation
    ) internal pure returns (uint256) {
        return Math.mulDiv(Math.min(total, target), WAD, allocation);
    }

    /// @notice TOKE bought by a wallet worth `value` USD: allocation * value / total (rounded down).
    /// @param value      The wallet's USD value.
    /// @param allocation TOKE sold, wei.
    /// @param total      USD committed by everyone.
    function tokeFor(
        uint256 value,
        uint256 allocation,
        uint256 total
    ) internal pure returns (uint256) {
        if (total == 0) return 0;
        return Math.mulDiv(allocation, value, total);
    }

    /// @notice Splits `amount` of one asset of one wallet by the global split `s`.
    /// @param amount The wallet's amount of the asset.
    /// @param s      The finalised split.
    /// @return sale    Part that bought TOKE (rounded up).
    /// @return genesis Part for the Genesis pool (rounded down).
    /// @return refund  The rest.
    function splitAmount(
        uint256 amount,
        Split memory s
    ) internal pure returns (uint256 sale, uint256 genesis, uint256 refund) {
        if (amount == 0 || s.total == 0) return (0, 0, amount);
        sale = Math.mulDiv(amount, s.sale, s.total, Math.Rounding.Ceil);
        genesis = Math.mulDiv(amount, s.genesis, s.total);
        // sale + genesis <= ceil(amount * (s.sale + s.genesis) / s.total) <= amount, because
        // s.sale + s.genesis <= s.total: the subtraction cannot underflow.
        refund = amount - sale - genesis;
    }

    /// @notice Linearly vested part of `total` at `nowTs`, vesting from `start` over `duration`.
    /// @param total    Amount vesting.
    /// @param start    Vesting start (timestamp).
    /// @param duration Vesting length, seconds (0 = all at once).
    /// @param nowTs    The time to evaluate at.
    function vested(
        uint256 total,
        uint256 start,
        uint256 duration,
        uint256 nowTs
    ) internal pure returns (uint256) {
        if (nowTs >= start + duration) return total;
        if (nowTs <= start) return 0;
        return Math.mulDiv(total, nowTs - start, duration);
    }
}
