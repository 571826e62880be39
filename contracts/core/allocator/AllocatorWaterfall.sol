// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ILDStaking} from "../../interfaces/ILDStaking.sol";
import {ILiquidityAllocator} from "../../interfaces/ILiquidityAllocator.sol";
import {IReactor} from "../../interfaces/IReactor.sol";
import {IUniswapV2StyleAdapter} from "../../interfaces/IUniswapV2StyleAdapter.sol";
import {AllocationMathLib} from "../../libraries/AllocationMathLib.sol";
import {LiquidityMathLib} from "../../libraries/LiquidityMathLib.sol";
import {AllocatorBase} from "./AllocatorBase.sol";

/// @title AllocatorWaterfall
/// @notice The loss waterfall (Decision 3): a withdrawal that returns less of an asset than its
///         principal is covered by the Treasury's holdings of the asset, then by LD stake slashed
///         and sold for the asset on the slash venue (so only asset that arrived counts as
///         cover), then written down for every holder pro rata. A surplus goes to the Treasury.
abstract contract AllocatorWaterfall is AllocatorBase {
    /// @inheritdoc ILiquidityAllocator
    function coverBySlash(
        address reactor,
        uint256 missing,
        uint256 slippageBps,
        uint256 deadline
    ) external returns (uint256 covered) {
        if (msg.sender != address(this)) revert LiquidityAllocatorOnlySelf(msg.sender);
        (address[] memory path, uint256 tokeInAssetX112) = _slashRoute(reactor);
        // TOKE worth `missing` at the TWAPs, grossed up so that the sale still covers it.
        uint256 wanted = Math.mulDiv(
            LiquidityMathLib.quoteInverse(missing, tokeInAssetX112),
            BPS,
            BPS - slippageBps,
            Math.Rounding.Ceil
        );
        uint256 slashed = _directory.slash(reactor, wanted, address(this));
        if (slashed == 0) return 0;
        address adapter = address(_adapters[_slashVenue]);
        _approve(_toke, adapter, slashed);
        uint256 out = IUniswapV2StyleAdapter(adapter).swapExactIn(
            path,
            slashed,
            AllocationMathLib.lessBps(
                LiquidityMathLib.quote(slashed, tokeInAssetX112),
                slippageBps
            ),
            deadline
        );
        address asset = path[path.length - 1];
        covered = Math.min(out, missing);
        _push(IReactor(reactor), asset, covered);
        _toTreasury(asset, out - covered, SLASH_SOURCE);
        emit LossCoveredBySlash(reactor, slashed, covered);
    }

    /// @dev Gives `reactor` back its `principal` share of `asset` out of `received`: a surplus
    ///      goes to the Treasury, a shortfall down the waterfall.
    function _settle(
        Step memory s,
        IReactor reactor,
        address asset,
        uint256 principal,
        uint256 received
    ) internal {
        if (received >= principal) {
            _push(reactor, asset, principal);
            uint256 surplus = received - principal;
            if (surplus != 0) {
                _toTreasury(asset, surplus, SURPLUS_SOURCE);
                emit SurplusSent(address(reactor), asset, surplus);
            }
            return;
        }
        _push(reactor, asset, received);
        uint256 missing = principal - received;

        uint256 fromTreasury = Math.min(missing, _treasury.holdings(asset));
        if (fromTreasury != 0) {
            _treasury.coverLoss(asset, fromTreasury);
            _push(reactor, asset, fromTreasury);
            missing -= fromTreasury;
            emit LossCoveredByTreasury(address(reactor), asset, fromTreasury);
        }
        if (missing != 0 && _canSlash()) {
            // One call: if the sale fails, the slash is undone with it.
            try this.coverBySlash(address(reactor), missing, s.slippageBps, s.deadline) returns (
                uint256 covered
            ) {
                missing -= covered;
            } catch (bytes memory reason) {
                emit SlashSkipped(address(reactor), reason);
            }
        }
        if (missing != 0) {
            reactor.writeDown(missing);
            emit LossWrittenDown(address(reactor), missing);
        }
    }

    /// @dev What slashing `reactor`'s LD stake could cover, in its asset at `tokeInAssetX112`
    ///      (0 when slashing is not wired or the price is unknown).
    function _stakeCover(address reactor, uint256 tokeInAssetX112) internal view returns (uint256) {
        if (tokeInAssetX112 == 0 || !_canSlash()) return 0;
        try ILDStaking(address(_directory)).totalStake(reactor) returns (uint256 total, uint256) {
            return LiquidityMathLib.quote(total, tokeInAssetX112);
        } catch {
            return 0;
        }
    }

    /// @dev The sale path of slashed TOKE into `reactor`'s asset (through its base asset for a
    ///      token Reactor) and TOKE's TWAP price in that asset. Reverts without a price.
    function _slashRoute(
        address reactor
    ) internal view returns (address[] memory path, uint256 tokeInAssetX112) {
        address asset = IReactor(reactor).asset();
        address baseReactor = _pairings[reactor].baseReactor;
        address base = baseReactor == address(0) ? asset : IReactor(baseReactor).asset();
        tokeInAssetX112 = _oracle.consult(_toke, base);
        path = new address[](base == asset ? 2 : 3);
        path[0] = _toke;
        path[1] = base;
        if (base != asset) {
            path[2] = asset;
            tokeInAssetX112 = Math.mulDiv(
                tokeInAssetX112,
                LiquidityMathLib.Q112,
                _oracle.consult(asset, base)
            );
        }
    }

    /// @dev Whether slashing is wired: a stake directory and a slash venue.
    function _canSlash() internal view returns (bool) {
        return address(_directory) != address(0) && address(_adapters[_slashVenue]) != address(0);
    }
}
