// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AllocationMathLib} from "../../libraries/AllocationMathLib.sol";
import {LiquidityMathLib} from "../../libraries/LiquidityMathLib.sol";
import {AllocatorMoves} from "./AllocatorMoves.sol";

/// @title AllocatorFees
/// @notice Fee realisation and the marked loss: a position's value at the TWAP above its
///         principal's is burned to the Treasury every rollover; a position's token or base
///         amount at the TWAP below its principal is the unrealised loss the Reactor's rate marks.
abstract contract AllocatorFees is AllocatorMoves {
    /// @dev Sends the position's value above its principal's (both at the TWAP price) to the
    ///      Treasury, by burning that fraction of the liquidity.
    function _realiseFees(Step memory s, bytes32 venue) internal {
        (bool ok, uint256 held, uint256 fairToken, uint256 fairBase) = _positionAt(s, venue);
        if (!ok) return;
        Principal memory p = _principal[address(s.tokenReactor)][venue];
        uint256 liquidity = AllocationMathLib.feeLiquidity(
            held,
            LiquidityMathLib.quote(fairToken, s.priceX112) + fairBase,
            LiquidityMathLib.quote(p.token, s.priceX112) + p.base
        );
        if (liquidity == 0) return;
        (fairToken, fairBase) = _removeMins(s, liquidity, held, fairToken, fairBase);
        uint256 tokenOut;
        uint256 baseOut;
        (ok, tokenOut, baseOut) = _remove(s, venue, liquidity, fairToken, fairBase);
        if (!ok) return;
        _toTreasury(s.token, tokenOut, FEES_SOURCE);
        _toTreasury(s.base, baseOut, FEES_SOURCE);
        emit FeesRealised(address(s.tokenReactor), venue, tokenOut, baseOut);
    }

    /// @dev The unrealised loss of the pair's positions in `venues`, at the step's TWAP price,
    ///      on each side: the sum over positions of principal less the position's amount at that
    ///      price, where positive. A venue that cannot be read counts its whole principal as at
    ///      risk (never understated).
    function _unrealisedLoss(
        Step memory s,
        bytes32[] memory venues
    ) internal view returns (uint256 tokenLoss, uint256 baseLoss) {
        address reactor = address(s.tokenReactor);
        for (uint256 i; i < venues.length; ++i) {
            Principal memory p = _principal[reactor][venues[i]];
            try _adapters[venues[i]].positionAt(s.token, s.base, s.priceX112) returns (
                uint256,
                uint256 fairToken,
                uint256 fairBase
            ) {
                tokenLoss += AllocationMathLib.unrealisedLoss(p.token, fairToken);
                baseLoss += AllocationMathLib.unrealisedLoss(p.base, fairBase);
            } catch {
                tokenLoss += p.token;
                baseLoss += p.base;
            }
        }
    }
}
