// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IReactor} from "../../interfaces/IReactor.sol";
import {IVenueAdapter} from "../../interfaces/IVenueAdapter.sol";
import {AllocationMathLib} from "../../libraries/AllocationMathLib.sol";
import {LiquidityMathLib} from "../../libraries/LiquidityMathLib.sol";
import {AllocatorWaterfall} from "./AllocatorWaterfall.sol";

/// @title AllocatorMoves
/// @notice The allocator's adapter calls: deployments, withdrawals (a share of a position, or
///         enough to give an amount back), and the books of principal and held venues. Every
///         adapter call is a `try`: a reverting venue (a paused Balancer pool, a pool off its
///         TWAP) is skipped with an event, never fatal. Minimums come from the TWAP price.
abstract contract AllocatorMoves is AllocatorWaterfall {
    using SafeCast for uint256;

    /// @notice Extra withdrawn, on top of the slippage allowance, when a Reactor must cover its
    ///         redemptions: venues round every burn down.
    uint256 internal constant COVER_MARGIN_BPS = 1;
    /// @notice Smallest cover withdrawal, in bps of the position it comes from: a dust burn
    ///      would round one side to zero and revert.
    uint256 internal constant COVER_MIN_BPS = 10;

    /// @dev Deploys up to `tokens` (and the base they need at the TWAP price), scaled down to
    ///      what both Reactors can give now.
    function _deploy(Step memory s, bytes32 venue, uint256 tokens) internal {
        if (s.tokenReactor.paused() || s.baseReactor.paused()) return;
        if (_isFresh(s, venue) && _held[address(s.tokenReactor)].length == MAX_VENUES_PER_REACTOR)
            return;
        tokens = Math.min(tokens, _free(s.tokenReactor));
        uint256 baseFree = _free(s.baseReactor);
        uint256 base = LiquidityMathLib.quote(tokens, s.priceX112);
        if (base > baseFree) {
            tokens = LiquidityMathLib.quoteInverse(baseFree, s.priceX112);
            base = LiquidityMathLib.quote(tokens, s.priceX112);
        }
        if (tokens == 0 || base == 0) return;

        IVenueAdapter adapter = _adapters[venue];
        s.tokenReactor.pullAssets(tokens);
        s.baseReactor.pullAssets(base);
        _approve(s.token, address(adapter), tokens);
        _approve(s.base, address(adapter), base);
        try
            adapter.addLiquidity(
                s.token,
                s.base,
                tokens,
                base,
                AllocationMathLib.lessBps(tokens, s.slippageBps),
                AllocationMathLib.lessBps(base, s.slippageBps),
                s.deadline
            )
        returns (uint256 tokenUsed, uint256 baseUsed, uint256 liquidity) {
            _bookDeployed(s, venue, tokenUsed, baseUsed);
            _push(s.tokenReactor, s.token, tokens - tokenUsed);
            _push(s.baseReactor, s.base, base - baseUsed);
            emit LiquidityDeployed(address(s.tokenReactor), venue, tokenUsed, baseUsed, liquidity);
        } catch (bytes memory reason) {
            _push(s.tokenReactor, s.token, tokens);
            _push(s.baseReactor, s.base, base);
            emit VenueSkipped(address(s.tokenReactor), venue, reason);
        }
    }

    /// @dev Whether the pair has no principal in `venue` (so it is not on the held list).
    function _isFresh(Step memory s, bytes32 venue) private view returns (bool) {
        Principal memory p = _principal[address(s.tokenReactor)][venue];
        return p.token == 0 && p.base == 0;
    }

    /// @dev Adds a deployment to the principal. A venue is on the held list exactly while its
    ///      principal is non-zero (see `_withdraw`), so it is pushed once, never twice.
    function _bookDeployed(
        Step memory s,
        bytes32 venue,
        uint256 tokenUsed,
        uint256 baseUsed
    ) private {
        address reactor = address(s.tokenReactor);
        Principal memory p = _principal[reactor][venue];
        if (p.token == 0 && p.base == 0 && (tokenUsed != 0 || baseUsed != 0))
            _held[reactor].push(venue);
        _principal[reactor][venue] = Principal({
            token: p.token + tokenUsed.toUint128(),
            base: p.base + baseUsed.toUint128()
        });
    }

    /// @dev The pair's position in `venue` at the step's TWAP price; a venue that cannot be read
    ///      is recorded as skipped (`ok` false).
    function _positionAt(
        Step memory s,
        bytes32 venue
    ) internal returns (bool ok, uint256 held, uint256 fairToken, uint256 fairBase) {
        try _adapters[venue].positionAt(s.token, s.base, s.priceX112) returns (
            uint256 liquidity,
            uint256 tokenAmount,
            uint256 baseAmount
        ) {
            return (true, liquidity, tokenAmount, baseAmount);
        } catch (bytes memory reason) {
            emit VenueSkipped(address(s.tokenReactor), venue, reason);
        }
    }

    /// @dev Withdraws the part `amount / total` of the pair's position in `venue`.
    function _withdrawShare(Step memory s, bytes32 venue, uint256 amount, uint256 total) internal {
        (bool ok, uint256 held, uint256 fairToken, uint256 fairBase) = _positionAt(s, venue);
        if (!ok) return;
        uint256 liquidity = amount >= total ? held : Math.mulDiv(held, amount, total);
        if (liquidity != 0) _withdraw(s, venue, liquidity, held, fairToken, fairBase);
    }

    /// @notice Withdraws enough of the position to give its Reactor `amount` of the token (or
    ///         base) back; never less than COVER_MIN_BPS of it (a dust burn would revert).
    /// @return ok Whether the venue answered and the burn went through.
    function _withdrawAmount(
        Step memory s,
        bytes32 venue,
        uint256 amount,
        bool tokenSide
    ) internal returns (bool ok) {
        uint256 held;
        uint256 fairToken;
        uint256 fairBase;
        (ok, held, fairToken, fairBase) = _positionAt(s, venue);
        if (!ok) return false;
        // The Reactor gets back at most its principal share (a surplus goes to the Treasury)
        // and at most what the position holds (a shortfall goes down the waterfall): size the
        // burn on the smaller.
        Principal memory p = _principal[address(s.tokenReactor)][venue];
        uint256 fair = Math.min(tokenSide ? fairToken : fairBase, tokenSide ? p.token : p.base);
        if (held == 0 || fair == 0) return false;
        uint256 liquidity =
            amount >= fair
                ? held
                : Math.max(
                    Math.mulDiv(held, amount, fair, Math.Rounding.Ceil),
                    Math.mulDiv(held, COVER_MIN_BPS, BPS)
                );
        return _withdraw(s, venue, Math.min(liquidity, held), held, fairToken, fairBase);
    }

    /// @dev Burns `liquidity` of `held` and settles each asset against its share of principal.
    ///      A burn that would take all the principal on both sides takes the whole position, so
    ///      a venue never stays held with a zero principal (it would be pushed twice).
    function _withdraw(
        Step memory s,
        bytes32 venue,
        uint256 liquidity,
        uint256 held,
        uint256 fairToken,
        uint256 fairBase
    ) internal returns (bool ok) {
        Principal memory p = _principal[address(s.tokenReactor)][venue];
        if (
            Math.mulDiv(p.token, liquidity, held, Math.Rounding.Ceil) >= p.token &&
            Math.mulDiv(p.base, liquidity, held, Math.Rounding.Ceil) >= p.base
        ) liquidity = held;
        (uint256 tokenMin, uint256 baseMin) = _removeMins(s, liquidity, held, fairToken, fairBase);
        uint256 tokenOut;
        uint256 baseOut;
        (ok, tokenOut, baseOut) = _remove(s, venue, liquidity, tokenMin, baseMin);
        if (ok) _book(s, venue, p, liquidity, held, tokenOut, baseOut);
    }

    /// @dev Takes the burned share of the principal off the books and settles each asset.
    function _book(
        Step memory s,
        bytes32 venue,
        Principal memory p,
        uint256 liquidity,
        uint256 held,
        uint256 tokenOut,
        uint256 baseOut
    ) private {
        address reactor = address(s.tokenReactor);
        // The whole position takes the whole principal; a part takes its share rounded up, so
        // that no surplus is claimed out of rounding.
        Principal memory share =
            liquidity == held
                ? p
                : Principal({
                    token: uint128(Math.mulDiv(p.token, liquidity, held, Math.Rounding.Ceil)),
                    base: uint128(Math.mulDiv(p.base, liquidity, held, Math.Rounding.Ceil))
                });
        // Cannot truncate or underflow: each share is at most the uint128 it is taken from.
        _principal[reactor][venue] = Principal({
            token: p.token - share.token,
            base: p.base - share.base
        });
        if (liquidity == held) _dropHeld(reactor, venue);
        emit LiquidityWithdrawn(reactor, venue, liquidity, tokenOut, baseOut);
        _settle(s, s.tokenReactor, s.token, share.token, tokenOut);
        _settle(s, s.baseReactor, s.base, share.base, baseOut);
    }

    /// @dev Burns `liquidity`; a failure is recorded and skipped.
    function _remove(
        Step memory s,
        bytes32 venue,
        uint256 liquidity,
        uint256 tokenMin,
        uint256 baseMin
    ) internal returns (bool ok, uint256 tokenOut, uint256 baseOut) {
        try
            _adapters[venue].removeLiquidity(
                s.token,
                s.base,
                liquidity,
                tokenMin,
                baseMin,
                s.deadline
            )
        returns (uint256 tokenAmount, uint256 baseAmount) {
            return (true, tokenAmount, baseAmount);
        } catch (bytes memory reason) {
            emit VenueSkipped(address(s.tokenReactor), venue, reason);
        }
    }

    /// @dev Minimums of burning `liquidity` of `held`: the TWAP-fair share less the allowance.
    function _removeMins(
        Step memory s,
        uint256 liquidity,
        uint256 held,
        uint256 fairToken,
        uint256 fairBase
    ) internal pure returns (uint256 tokenMin, uint256 baseMin) {
        tokenMin = AllocationMathLib.lessBps(
            Math.mulDiv(fairToken, liquidity, held),
            s.slippageBps
        );
        baseMin = AllocationMathLib.lessBps(Math.mulDiv(fairBase, liquidity, held), s.slippageBps);
    }

    /// @dev Idle assets the Reactor must keep: matured requests and those maturing next.
    function _owed(IReactor reactor) internal view returns (uint256) {
        return reactor.reservedAssets() + reactor.convertToAssets(reactor.pendingRedeemShares());
    }

    /// @dev Idle assets the allocator may take from `reactor` now: idle less what it owes and
    ///      less the recall buffer.
    function _free(IReactor reactor) internal view returns (uint256) {
        uint256 idle = reactor.idleAssets();
        uint256 keep =
            _owed(reactor) +
                Math.mulDiv(
                    idle + reactor.deployedAssets(),
                    _recallBufferBps,
                    BPS,
                    Math.Rounding.Ceil
                );
        return idle > keep ? idle - keep : 0;
    }

    function _dropHeld(address reactor, bytes32 venue) private {
        bytes32[] storage held = _held[reactor];
        uint256 last = held.length - 1;
        for (uint256 i; i <= last; ++i) {
            if (held[i] == venue) {
                held[i] = held[last];
                held.pop();
                return;
            }
        }
    }
}
