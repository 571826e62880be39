// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {LiquidityMathLib} from "./LiquidityMathLib.sol";

/// @title AllocationMathLib
/// @notice The allocator's targeting, as pure functions of amounts (docs/venues.md): what a
///         Reactor may deploy, how it splits across venues, what it must get back to cover its
///         redemptions, and what part of a position is fees or unrealised loss. All amounts are
///         in the Reactor's asset unless said; basis points are of 10,000.
/// @dev Rounding: what the protocol owes (cover, margins) rounds up; what it may deploy rounds
///      down.
library AllocationMathLib {
    uint256 internal constant BPS = 10_000;

    /// @notice What a Reactor may have deployed: its `total` assets (idle + deployed) less what
    ///         it owes with the margin a withdrawal to pay it may lose (`marginBps`: slippage plus
    ///         rounding) and less the recall buffer (`bufferBps` of `total`) kept idle for the
    ///         requests that mature before the next rollover can recall liquidity.
    function deployable(
        uint256 total,
        uint256 owed,
        uint256 marginBps,
        uint256 bufferBps
    ) internal pure returns (uint256) {
        uint256 keep =
            owed +
                Math.mulDiv(owed, marginBps, BPS, Math.Rounding.Ceil) +
                Math.mulDiv(total, bufferBps, BPS, Math.Rounding.Ceil);
        return total > keep ? total - keep : 0;
    }

    /// @notice A token Reactor's deployable `tokens`, capped by its share of its base Reactor's
    ///         deployable base (`baseDeployable` x `baseShareBps`) converted at `priceX112`.
    function pairCap(
        uint256 tokens,
        uint256 baseDeployable,
        uint256 baseShareBps,
        uint256 priceX112
    ) internal pure returns (uint256) {
        uint256 baseCap = (baseDeployable * baseShareBps) / BPS;
        return Math.min(tokens, LiquidityMathLib.quoteInverse(baseCap, priceX112));
    }

    /// @notice What must still come back to make `idle` cover `owed`, grossed up so that a
    ///         withdrawal losing `slippageBps` (and `marginBps` of rounding) still covers it.
    function coverNeed(
        uint256 idle,
        uint256 owed,
        uint256 slippageBps,
        uint256 marginBps
    ) internal pure returns (uint256) {
        if (idle >= owed) return 0;
        return
            Math.mulDiv(
                owed - idle,
                BPS + slippageBps + marginBps,
                BPS - slippageBps,
                Math.Rounding.Ceil
            );
    }

    /// @notice `venue`'s share of `amount`, pro rata to its tally among `ids` (0 if not voted).
    function targetOf(
        bytes32 venue,
        bytes32[] memory ids,
        uint256[] memory weights,
        uint256 totalWeight,
        uint256 amount
    ) internal pure returns (uint256) {
        if (totalWeight == 0) return 0;
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == venue) return Math.mulDiv(amount, weights[i], totalWeight);
        }
        return 0;
    }

    /// @notice The part of `held` liquidity worth a position's `value` above its
    ///         `principalValue` (both in one unit, at one reference price): its fees.
    function feeLiquidity(
        uint256 held,
        uint256 value,
        uint256 principalValue
    ) internal pure returns (uint256) {
        if (value <= principalValue) return 0;
        return Math.mulDiv(held, value - principalValue, value);
    }

    /// @notice What `principal` of an asset would lose if the position came back with `fair`
    ///         of it (its share at the reference price): the unrealised loss, 0 if none.
    function unrealisedLoss(uint256 principal, uint256 fair) internal pure returns (uint256) {
        return principal > fair ? principal - fair : 0;
    }

    /// @notice `amount` less `bps`, rounded down: a minimum amount for a move.
    function lessBps(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return Math.mulDiv(amount, BPS - bps, BPS);
    }
}
