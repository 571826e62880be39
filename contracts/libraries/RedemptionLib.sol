// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title RedemptionLib
/// @notice Pro-rata cover of matured redemptions that idle assets could not pay at once.
///
///         Every matured, uncovered redemption is a debt in assets. When assets arrive, each debt
///         is paid the same fraction `paid / uncovered` of what is left of it, whatever cycle it
///         matured in: a debt that joined when the running product was P0 has `amount x P / P0`
///         left, where P is the product of `(1 - fraction)` over every cover since (rounded up,
///         so no holder is ever shown more covered than it is). A cover that pays everything
///         starts a new epoch: every debt of an older epoch is paid in full. When P falls below
///         PRODUCT_FLOOR it is scaled up by SCALE_FACTOR and `scale` counts it (as Liquity's
///         stability pool does), so precision never runs out.
library RedemptionLib {
    /// @notice The product at the start of an epoch (1.0 in 36 decimals).
    uint256 internal constant PRODUCT_ONE = 1e36;
    /// @notice Below this the product is scaled up.
    uint256 internal constant PRODUCT_FLOOR = 1e18;
    /// @notice The factor of one scale step.
    uint256 internal constant SCALE_FACTOR = 1e18;

    /// @notice The running product of uncovered fractions, its epoch and its scale.
    struct Cover {
        uint128 product;
        uint32 epoch;
        uint32 scale;
    }

    /// @notice Where a debt joined the cover: the epoch, product and scale at that moment.
    struct Snapshot {
        uint128 product;
        uint32 epoch;
        uint32 scale;
    }

    /// @notice The cover after `paid` of `uncovered` assets were paid, pro rata.
    /// @dev `paid` <= `uncovered`; paying everything starts a new epoch.
    function pay(
        Cover memory c,
        uint256 uncovered,
        uint256 paid
    ) internal pure returns (Cover memory) {
        if (paid == 0) return c;
        if (paid >= uncovered) {
            return Cover({product: uint128(PRODUCT_ONE), epoch: c.epoch + 1, scale: 0});
        }
        // Rounded up: what is left of each debt is never understated.
        uint256 product = Math.mulDiv(c.product, uncovered - paid, uncovered, Math.Rounding.Ceil);
        uint32 scale = c.scale;
        if (product < PRODUCT_FLOOR) {
            product *= SCALE_FACTOR;
            ++scale;
        }
        // Cannot truncate: at most PRODUCT_ONE.
        return Cover({product: uint128(product), epoch: c.epoch, scale: scale});
    }

    /// @notice Where a debt joining now stands.
    function snapshot(Cover memory c) internal pure returns (Snapshot memory) {
        return Snapshot({product: c.product, epoch: c.epoch, scale: c.scale});
    }

    /// @notice What is left of `amount`, which joined at `s`, under the cover `c` (rounded up).
    function left(
        uint256 amount,
        Snapshot memory s,
        Cover memory c
    ) internal pure returns (uint256) {
        if (amount == 0 || s.epoch < c.epoch) return 0;
        uint256 steps = c.scale - s.scale;
        if (steps == 0) return Math.mulDiv(amount, c.product, s.product, Math.Rounding.Ceil);
        if (steps == 1) {
            return Math.mulDiv(amount, c.product, s.product * SCALE_FACTOR, Math.Rounding.Ceil);
        }
        // Less than a 1e-18 part is left: one wei, rounded up.
        return 1;
    }
}
