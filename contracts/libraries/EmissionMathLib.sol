// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title EmissionMathLib
/// @notice The balance-driven emission formula (docs/emissions.md), as pure functions.
///
///         A Reactor's two sides are valued in TOKE wei: `a` for its active assets, `t` for the LD
///         stake on it. Its weight is
///             w = F * (a + t) + (1 - F) * 2 * min(a, t)
///         with F the balance floor (in basis points): a floor part F * (a + t) and a balance part
///         (1 - F) * 2 * min(a, t). Each side keeps the floor of its own size (LP F * a, LD F * t),
///         so a side that is missing gets no floor weight; the balance part goes to the thinner
///         side (LP (1 - F) 2 min(a,t) t / (a + t), LD the rest). Per unit of its own size a side
///         therefore earns between F and 2 - F times what a balanced Reactor pays.
///
///         A cycle's budget B is shared out by weight: a Reactor side with weight x of a total W
///         receives floor(B * x / W). The LD side is shared again between the LDs staked on the
///         Reactor and the pooled TOKE (the TOKE Reactor), in proportion to the direct stake
///         sum S and the pooled TOKE P; the LDs of one Reactor are paid at most K times the
///         round's average LD rate per TOKE (`maxLdRate`), the rest is carried. The LP side
///         of a Reactor the Treasury covers is cut along the coverage curve (`coverageCut`).
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
    /// @notice Fixed-point scale of a reward rate: reward wei per TOKE wei staked, 1e18 = 1:1.
    uint256 internal constant RATE_SCALE = 1e18;
    /// @notice Values are capped here (2^94 TOKE wei, about 1.98e10 TOKE: far above the supply)
    ///         so that a weight (at most a + t) always fits the 96-bit snapshot slots and a sum of
    ///         64 of them fits 112 bits; capping instead of reverting keeps the rollover live
    ///         whatever a price says.
    uint256 internal constant MAX_VALUE = 2 ** 94;
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
        // a, t <= 2^94 and floorBps <= 2^14: every product stays below 2^110.
        return (floorBps * (a + t) + (BPS - floorBps) * 2 * thinner) / BPS;
    }

    /// @notice The Reactor weight and its two sides: the LP side keeps F * a and the balance part's
    ///         t / (a + t) (rounded down), the LD side the rest of w (F * t and the balance part's
    ///         a / (a + t)). With t = 0 the LD side is 0; with a = 0 the LP side is 0.
    /// @param a        Asset-side value, TOKE wei, at most MAX_VALUE.
    /// @param t        Stake-side value, TOKE wei, at most MAX_VALUE.
    /// @param floorBps F in basis points, at most BPS.
    function weights(
        uint256 a,
        uint256 t,
        uint256 floorBps
    ) internal pure returns (uint256 w, uint256 lpWeight, uint256 ldWeight) {
        uint256 total = a + t;
        if (total == 0) return (0, 0, 0);
        uint256 thinner = a < t ? a : t;
        uint256 balancePart = (BPS - floorBps) * 2 * thinner;
        // total <= 2^95, floorBps and balancePart / thinner <= 2^15: products below 2^206.
        w = (floorBps * total + balancePart) / BPS;
        // The exact LP part is at most the exact w, so its floor is at most w: ld cannot underflow.
        lpWeight = (floorBps * a * total + balancePart * t) / (BPS * total);
        ldWeight = w - lpWeight;
    }

    /// @notice floor(budget * part / total), zero when total is zero.
    function share(uint256 budget, uint256 part, uint256 total) internal pure returns (uint256) {
        // budget, part < 2^128: the product fits.
        return total == 0 ? 0 : (budget * part) / total;
    }

    /// @notice The direct stakers' part of an LD-side amount: ldAmount * S / (S + P). With no
    ///         TOKE at all (S + P = 0) the direct stakers get it whole.
    function directPart(
        uint256 ldAmount,
        uint256 stakeSum,
        uint256 pooled
    ) internal pure returns (uint256) {
        uint256 total = stakeSum + pooled;
        return total == 0 ? ldAmount : (ldAmount * stakeSum) / total;
    }

    /// @notice The pooled TOKE's part of the LD side of every Reactor: ldTotal * P / (S + P).
    function pooledPart(
        uint256 ldTotal,
        uint256 stakeSum,
        uint256 pooled
    ) internal pure returns (uint256) {
        uint256 total = stakeSum + pooled;
        return total == 0 ? 0 : (ldTotal * pooled) / total;
    }

    /// @notice The highest LD reward rate of a Reactor (reward wei per TOKE wei, RATE_SCALE = 1:1):
    ///         `multipleBps` / BPS times the round's average LD rate, ldTotal / (S + P). Zero when
    ///         no LD TOKE was counted (then no LD side has weight either).
    /// @param ldTotal     The round's LD side, B * sum(w_LD) / W.
    /// @param multipleBps K in basis points (10,000 = the average).
    function maxLdRate(
        uint256 ldTotal,
        uint256 multipleBps,
        uint256 stakeSum,
        uint256 pooled
    ) internal pure returns (uint256) {
        uint256 total = stakeSum + pooled;
        // ldTotal < 2^112, multipleBps < 2^17, RATE_SCALE < 2^60: the product fits.
        return total == 0 ? 0 : (ldTotal * multipleBps * RATE_SCALE) / (BPS * total);
    }

    /// @notice What an LD reward may book over `stakeValue` TOKE wei at `maxRate` (reward wei per
    ///         TOKE wei, RATE_SCALE = 1:1): min(reward, stakeValue * maxRate), rounded down.
    function capped(
        uint256 reward,
        uint256 stakeValue,
        uint256 maxRate
    ) internal pure returns (uint256) {
        uint256 cap = Math.mulDiv(stakeValue, maxRate, RATE_SCALE);
        return reward < cap ? reward : cap;
    }

    /// @notice The part of an LP reward cut for coverage: lpReward * cutBps * coverage / BPS^2
    ///         (rounded up, so the paid part lpReward - cut rounds down). The curve is linear:
    ///         the LP side keeps 1 - cut * coverage of its emission, between 1 - cut and 1.
    /// @param coverageBps The Treasury's share of the Reactor's asset side, at most BPS.
    /// @param cutBps      The cut at full coverage, at most BPS.
    function coverageCut(
        uint256 lpReward,
        uint256 coverageBps,
        uint256 cutBps
    ) internal pure returns (uint256) {
        // lpReward < 2^112 and both factors <= 2^14: the product fits.
        uint256 scaled = lpReward * coverageBps * cutBps;
        return (scaled + BPS * BPS - 1) / (BPS * BPS);
    }

    /// @notice The Treasury's share of a Reactor's active units, in basis points (rounded down,
    ///         at most BPS; zero for an empty Reactor).
    function coverage(uint256 treasuryUnits, uint256 activeUnits) internal pure returns (uint256) {
        if (activeUnits == 0) return 0;
        if (treasuryUnits >= activeUnits) return BPS;
        // treasuryUnits < activeUnits < 2^128: the product fits.
        return (treasuryUnits * BPS) / activeUnits;
    }
}
