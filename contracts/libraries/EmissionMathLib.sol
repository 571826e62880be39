// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title EmissionMathLib
/// @notice The balance-driven emission formula (docs/emissions.md), as pure functions.
///
///         A Reactor's two sides are valued in TOKE wei: `a` for its active assets, `t` for the LD
///         stake on it. Its weight is
///             w = (F * (a + t) + (1 - F) * 2 * min(a, t))
///         with F the balance floor (in basis points), i.e. (a + t) times a factor between F (all
///         on one side) and 1 (balanced 1:1). Inside the Reactor the thinner side earns more: the
///         LP side gets w * t / (a + t), the LD side the rest (w * a / (a + t)).
///
///         A cycle's budget B is shared out by weight: a Reactor side with weight x of a total W
///         receives floor(B * x / W). The LD side is shared again between the LDs staked on the
///         Reactor and the pooled TOKE (the TOKE Reactor), in proportion to the direct stake
///         sum S and the pooled TOKE P.
/// @dev Every function rounds down, so the parts paid out never add up to more than the budget:
///      the caller carries `budget - paid` forward.
/// @dev Bounds the callers keep (they are what the protocol's types allow) so that every product
///      fits 256 bits without a mulDiv: amounts, budgets and sums below 2^128, prices at most
///      MAX_PRICE (2^120 > 1e36), values at most MAX_VALUE.
library EmissionMathLib {
    /// @notice Basis points in one whole.
    uint256 internal constant BPS = 10_000;
    /// @notice Fixed-point scale of a price: TOKE wei per asset wei, 1e18 = 1:1.
    uint256 internal constant PRICE_SCALE = 1e18;
    /// @notice Values are capped here (2^100 TOKE wei, about 1.27e12 TOKE: far above the supply)
    ///         so that a weight always fits the 112-bit snapshot slots and a sum of 65,536 of them
    ///         fits 128 bits; capping instead of reverting keeps the rollover live whatever a
    ///         price says.
    uint256 internal constant MAX_VALUE = 2 ** 100;
    /// @notice Highest price the formula takes (the price feed's bound).
    uint256 internal constant MAX_PRICE = 1e36;

    /// @notice Value of `amount` asset wei at `price` (TOKE wei per asset wei, PRICE_SCALE = 1:1),
    ///         in TOKE wei, rounded down and capped at MAX_VALUE.
    function value(uint256 amount, uint256 price) internal pure returns (uint256) {
        // amount < 2^128 and price <= MAX_PRICE < 2^120: the product fits.
        uint256 v = (amount * price) / PRICE_SCALE;
        return v > MAX_VALUE ? MAX_VALUE : v;
    }

    /// @notice The Reactor weight (F * (a + t) + (1 - F) * 2 * min(a, t)), rounded down once.
    /// @param a        Asset-side value, TOKE wei, at most MAX_VALUE.
    /// @param t        Stake-side value, TOKE wei, at most MAX_VALUE.
    /// @param floorBps F in basis points, at most BPS.
    function weight(uint256 a, uint256 t, uint256 floorBps) internal pure returns (uint256) {
        uint256 thinner = a < t ? a : t;
        // a, t <= 2^100 and floorBps <= 2^14: every product stays below 2^116.
        return (floorBps * (a + t) + (BPS - floorBps) * 2 * thinner) / BPS;
    }

    /// @notice Splits a weight between the LP side (w * t / (a + t), rounded down) and the LD side
    ///         (the rest), so the thinner side gets the larger part. Both are zero if a + t is.
    function split(uint256 w, uint256 a, uint256 t) internal pure returns (uint256 lpWeight, uint256 ldWeight) {
        uint256 total = a + t;
        if (total == 0) return (0, 0);
        // w <= a + t <= 2^101 and t <= 2^100: the product fits.
        lpWeight = (w * t) / total;
        ldWeight = w - lpWeight;
    }

    /// @notice floor(budget * part / total), zero when total is zero.
    function share(uint256 budget, uint256 part, uint256 total) internal pure returns (uint256) {
        // budget, part < 2^128: the product fits.
        return total == 0 ? 0 : (budget * part) / total;
    }

    /// @notice The direct stakers' part of an LD-side amount: ldAmount * S / (S + P). With no
    ///         TOKE at all (S + P = 0) the direct stakers get it whole.
    function directPart(uint256 ldAmount, uint256 stakeSum, uint256 pooled) internal pure returns (uint256) {
        uint256 total = stakeSum + pooled;
        return total == 0 ? ldAmount : (ldAmount * stakeSum) / total;
    }

    /// @notice The pooled TOKE's part of the LD side of every Reactor: ldTotal * P / (S + P).
    function pooledPart(uint256 ldTotal, uint256 stakeSum, uint256 pooled) internal pure returns (uint256) {
        uint256 total = stakeSum + pooled;
        return total == 0 ? 0 : (ldTotal * pooled) / total;
    }
}
