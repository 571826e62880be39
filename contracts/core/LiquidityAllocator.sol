// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ILiquidityAllocator} from "../interfaces/ILiquidityAllocator.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {IStakeDirectory} from "../interfaces/IStakeDirectory.sol";
import {IVenueAdapter} from "../interfaces/IVenueAdapter.sol";
import {IUniswapV2StyleAdapter} from "../interfaces/IUniswapV2StyleAdapter.sol";
import {AllocationMathLib} from "../libraries/AllocationMathLib.sol";
import {LiquidityMathLib} from "../libraries/LiquidityMathLib.sol";
import {AllocatorBase} from "./allocator/AllocatorBase.sol";
import {AllocatorFees} from "./allocator/AllocatorFees.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title LiquidityAllocator
/// @notice The rollover's venue step (see ILiquidityAllocator): per Reactor, the targets from the
///         votes (AllocationMathLib), the moves (AllocatorMoves), fee realisation and the marked
///         loss (AllocatorFees) and the loss waterfall (AllocatorWaterfall), plus governance.
contract LiquidityAllocator is ILiquidityAllocator, AllocatorFees, RoleGated {
    /// @notice Most slippage governance may allow on a move (5%).
    uint256 public constant MAX_SLIPPAGE_CEILING_BPS = 500;
    /// @notice Largest "smallest move" governance may set (10% of the deployable assets).
    uint256 public constant MAX_MIN_MOVE_BPS = 1_000;
    /// @notice Largest recall buffer governance may set (25% of a Reactor's assets kept idle).
    uint256 public constant MAX_RECALL_BUFFER_BPS = 2_500;
    /// @notice Most token Reactors paired with one base Reactor.
    uint256 public constant MAX_PAIRINGS_PER_BASE = 16;
    /// @notice Withdrawals that went through, per Reactor, to cover redemptions (one can come
    ///         back short by the slippage allowance; the next covers that). Venues that are
    ///         skipped do not count: the cover moves on to the next largest position.
    uint256 private constant COVER_PASSES = 3;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param roles_          The protocol's role registry.
    /// @param manager_        The cycle manager (the only caller of `rebalance`).
    /// @param oracle_         The TWAP oracle giving reference prices.
    /// @param treasury_       The Treasury (fees, surplus, loss cover).
    /// @param toke_           TOKE, in which LD stake is slashed.
    /// @param maxSlippageBps_ Initial slippage allowance (bps).
    /// @param minMoveBps_     Initial smallest move (bps of the deployable assets).
    constructor(
        IAccessControl roles_,
        address manager_,
        address oracle_,
        address treasury_,
        address toke_,
        uint16 maxSlippageBps_,
        uint16 minMoveBps_
    ) RoleGated(roles_) AllocatorBase(manager_, oracle_, treasury_, toke_) {
        _setBounds(maxSlippageBps_, minMoveBps_);
    }

    // ===================================================================== views

    /// @notice The cycle manager.
    function manager() external view returns (address) {
        return address(_manager);
    }

    /// @inheritdoc ILiquidityAllocator
    function adapterOf(bytes32 venue) external view returns (address) {
        return address(_adapters[venue]);
    }

    /// @inheritdoc ILiquidityAllocator
    function pairingOf(address tokenReactor) external view returns (Pairing memory) {
        return _pairings[tokenReactor];
    }

    /// @inheritdoc ILiquidityAllocator
    function principalOf(
        address tokenReactor,
        bytes32 venue
    ) external view returns (Principal memory) {
        return _principal[tokenReactor][venue];
    }

    /// @inheritdoc ILiquidityAllocator
    function heldVenues(address tokenReactor) external view returns (bytes32[] memory) {
        return _held[tokenReactor];
    }

    /// @inheritdoc ILiquidityAllocator
    function paused() external view returns (bool) {
        return _paused;
    }

    /// @inheritdoc ILiquidityAllocator
    function bounds() external view returns (uint256, uint256) {
        return (_maxSlippageBps, _minMoveBps);
    }

    /// @inheritdoc ILiquidityAllocator
    function recallBufferBps() external view returns (uint256) {
        return _recallBufferBps;
    }

    /// @inheritdoc ILiquidityAllocator
    function slashVenue() external view returns (bytes32) {
        return _slashVenue;
    }

    // ================================================================= rollover

    /// @inheritdoc ILiquidityAllocator
    function rebalance(address reactor, uint256 slippageBps, uint256 deadline) external {
        if (msg.sender != address(_manager)) revert LiquidityAllocatorOnlyManager(msg.sender);
        uint256 maxSlippage = _maxSlippageBps;
        if (slippageBps > maxSlippage)
            revert LiquidityAllocatorSlippageTooWide(slippageBps, maxSlippage);
        uint256 slippage = slippageBps == 0 ? maxSlippage : slippageBps;

        Pairing memory pairing = _pairings[reactor];
        if (pairing.baseReactor == address(0)) return _stepBase(reactor, slippage, deadline);
        bool hadPositions = _held[reactor].length != 0;
        // An empty pair has nothing to price or move.
        if (!hadPositions && IReactor(reactor).idleAssets() == 0) return;
        (bool priced, Step memory s) = _step(reactor, pairing.baseReactor, slippage, deadline);
        // No price: no move and no new mark; the Reactor settles from its idle assets (the
        // recall buffer) and the observation just recorded stays for the next rollover.
        if (!priced) return;
        // Paused: only what pays redemptions.
        if (!_paused) _rebalancePair(s, pairing.baseShareBps);
        _coverToken(s);
        if (hadPositions) {
            (uint256 tokenLoss, uint256 baseLoss) = _unrealisedLoss(s, _held[reactor]);
            // The base Reactor settles before its token Reactors: it marks this valuation at
            // its next step.
            if (_baseLoss[reactor] != baseLoss) _baseLoss[reactor] = baseLoss;
            _mark(s.tokenReactor, tokenLoss, s, true);
        }
    }

    // =============================================================== governance

    /// @inheritdoc ILiquidityAllocator
    function registerVenue(bytes32 venue, address adapter) external onlyGovernance {
        if (venue == bytes32(0) || adapter == address(0)) revert LiquidityAllocatorZeroAddress();
        if (address(_adapters[venue]) != address(0))
            revert LiquidityAllocatorVenueRegistered(venue);
        if (IVenueAdapter(adapter).allocator() != address(this))
            revert LiquidityAllocatorForeignAdapter(adapter);
        _adapters[venue] = IVenueAdapter(adapter);
        emit VenueRegistered(venue, adapter);
    }

    /// @inheritdoc ILiquidityAllocator
    function setPairing(
        address tokenReactor,
        address baseReactor,
        uint16 baseShareBps
    ) external onlyGovernance {
        Pairing memory current = _pairings[tokenReactor];
        bool fresh = current.baseReactor == address(0);
        if (
            tokenReactor == baseReactor ||
            !_manager.isReactor(tokenReactor) ||
            !_manager.isReactor(baseReactor) ||
            _pairings[baseReactor].baseReactor != address(0) ||
            _pairedWith[tokenReactor].length != 0 ||
            (!fresh && current.baseReactor != baseReactor)
        ) revert LiquidityAllocatorBadPairing(tokenReactor, baseReactor);
        uint256 total = _baseShareTotal[baseReactor] - current.baseShareBps + baseShareBps;
        if (total > BPS || (fresh && _pairedWith[baseReactor].length == MAX_PAIRINGS_PER_BASE)) {
            revert LiquidityAllocatorBaseOverCommitted(baseReactor, total);
        }
        _baseShareTotal[baseReactor] = total;
        if (fresh) _pairedWith[baseReactor].push(tokenReactor);
        _pairings[tokenReactor] = Pairing({baseReactor: baseReactor, baseShareBps: baseShareBps});
        emit PairingSet(tokenReactor, baseReactor, baseShareBps);
    }

    /// @inheritdoc ILiquidityAllocator
    function setBounds(uint16 maxSlippageBps, uint16 minMoveBps) external onlyGovernance {
        _setBounds(maxSlippageBps, minMoveBps);
    }

    /// @inheritdoc ILiquidityAllocator
    function setRecallBuffer(uint16 bufferBps) external onlyGovernance {
        if (bufferBps > MAX_RECALL_BUFFER_BPS)
            revert LiquidityAllocatorBadParameter(bufferBps, MAX_RECALL_BUFFER_BPS);
        _recallBufferBps = bufferBps;
        emit RecallBufferSet(bufferBps);
    }

    /// @inheritdoc ILiquidityAllocator
    function setSlashVenue(bytes32 venue) external onlyGovernance {
        address adapter = address(_adapters[venue]);
        if (venue != bytes32(0) && adapter == address(0)) revert LiquidityAllocatorZeroAddress();
        // A venue that cannot swap is refused here rather than at the first loss.
        if (adapter != address(0)) IUniswapV2StyleAdapter(adapter).factory();
        _slashVenue = venue;
        emit SlashVenueSet(venue);
    }

    /// @inheritdoc ILiquidityAllocator
    function setStakeDirectory(address directory) external onlyGovernance {
        _directory = IStakeDirectory(directory);
        emit StakeDirectorySet(directory);
    }

    /// @inheritdoc ILiquidityAllocator
    function pause() external onlyGuardian {
        _paused = true;
        emit MovesPaused(msg.sender);
    }

    /// @inheritdoc ILiquidityAllocator
    function unpause() external onlyGovernance {
        _paused = false;
        emit MovesUnpaused(msg.sender);
    }

    // =========================================================== pair rebalance

    /// @dev Builds the step of a pair: assets and a reference price, after recording a TWAP
    ///      observation (kept even if no price is available yet). No price, no moves.
    function _step(
        address tokenReactor,
        address baseReactor,
        uint256 slippage,
        uint256 deadline
    ) private returns (bool priced, Step memory s) {
        s.tokenReactor = IReactor(tokenReactor);
        s.baseReactor = IReactor(baseReactor);
        s.token = s.tokenReactor.asset();
        s.base = s.baseReactor.asset();
        s.slippageBps = slippage;
        s.deadline = deadline;
        // Tolerated by design: a failed observation must not block the step.
        // solhint-disable-next-line no-empty-blocks
        try _oracle.update(s.token, s.base) {} catch {}
        try _oracle.consult(s.token, s.base) returns (uint256 priceX112) {
            s.priceX112 = priceX112;
            priced = true;
        } catch (bytes memory reason) {
            emit PriceUnavailable(tokenReactor, reason);
        }
    }

    /// @dev Fees first, then withdrawals from over-target venues, then deployments.
    function _rebalancePair(Step memory s, uint256 baseShareBps) private {
        address reactor = address(s.tokenReactor);
        bytes32[] memory held = _held[reactor];
        uint256 deployable = _deployableTokens(s, baseShareBps);
        // Nothing deployed and nothing to deploy: nothing to do (a new Reactor, or one emptied).
        if (held.length == 0 && deployable == 0) return;
        for (uint256 i; i < held.length; ++i) {
            _realiseFees(s, held[i]);
        }

        uint256 minMove = (deployable * _minMoveBps) / BPS;
        (bytes32[] memory ids, uint256[] memory weights, uint256 totalWeight) = _weights(reactor);
        bool withdrew;
        for (uint256 i; i < held.length; ++i) {
            uint256 target = AllocationMathLib.targetOf(
                held[i],
                ids,
                weights,
                totalWeight,
                deployable
            );
            uint256 current = _principal[reactor][held[i]].token;
            if (current > target && current - target > minMove) {
                _withdrawShare(s, held[i], current - target, current);
                withdrew = true;
            }
        }
        // A withdrawal may have realised a loss: deploy against what is deployable now.
        if (withdrew) deployable = _deployableTokens(s, baseShareBps);
        for (uint256 i; i < ids.length; ++i) {
            uint256 target =
                totalWeight == 0 ? 0 : Math.mulDiv(deployable, weights[i], totalWeight);
            uint256 current = _principal[reactor][ids[i]].token;
            if (target > current && target - current > minMove) {
                _deploy(s, ids[i], target - current);
            }
        }
    }

    /// @dev If the token Reactor's idle assets still fall short of what it owes (a withdrawal
    ///      came back short, a venue was skipped), withdraws the rest from its positions, the
    ///      largest first; a venue that fails is not tried again, the next largest is.
    function _coverToken(Step memory s) private {
        _cover(s, s.tokenReactor, true, new bytes32[](MAX_VENUES_PER_REACTOR), 0);
    }

    /// @dev A base Reactor covers its redemptions from the positions it is paired in, per paired
    ///      token Reactor in turn, and marks their base side's unrealised loss as the token
    ///      Reactors' last steps valued it (no extra venue reads).
    function _stepBase(address baseReactor, uint256 slippage, uint256 deadline) private {
        address[] memory paired = _pairedWith[baseReactor];
        IReactor base = IReactor(baseReactor);
        uint256 loss;
        Step memory s;
        for (uint256 i; i < paired.length; ++i) {
            loss += _baseLoss[paired[i]];
            if (_coverNeed(base, slippage) == 0) continue;
            bool priced;
            (priced, s) = _step(paired[i], baseReactor, slippage, deadline);
            if (priced) _cover(s, base, false, new bytes32[](MAX_VENUES_PER_REACTOR), 0);
        }
        if (paired.length == 0) return;
        s.base = base.asset();
        _mark(base, loss, s, false);
    }

    /// @dev Withdraws from `s`'s positions, the largest (on `tokenSide`) first, until
    ///      `reactor`'s idle covers what it owes; `skipped` collects venues that failed.
    function _cover(
        Step memory s,
        IReactor reactor,
        bool tokenSide,
        bytes32[] memory skipped,
        uint256 skips
    ) private {
        for (uint256 done; done < COVER_PASSES;) {
            uint256 missing = _coverNeed(reactor, s.slippageBps);
            if (missing == 0) return;
            (bytes32 venue, uint256 amount) = _largest(
                address(s.tokenReactor),
                tokenSide,
                skipped,
                skips
            );
            if (amount == 0) return;
            if (_withdrawAmount(s, venue, missing, tokenSide)) {
                ++done;
            } else {
                skipped[skips] = venue;
                ++skips;
            }
        }
    }

    /// @dev The held venue, not in `skipped[:skips]`, with the most token (or base) principal.
    function _largest(
        address reactor,
        bool token,
        bytes32[] memory skipped,
        uint256 skips
    ) private view returns (bytes32 venue, uint256 amount) {
        bytes32[] memory held = _held[reactor];
        for (uint256 i; i < held.length; ++i) {
            if (_contains(skipped, skips, held[i])) continue;
            Principal memory p = _principal[reactor][held[i]];
            uint256 value = token ? p.token : p.base;
            if (value > amount) (venue, amount) = (held[i], value);
        }
    }

    /// @dev Marks `reactor`'s unrealised `loss` net of what the waterfall could still cover
    ///      (so that a holder leaving before it is realised bears what a stayer will), at most
    ///      its deployed assets. Nothing to mark and nothing marked: no call.
    function _mark(IReactor reactor, uint256 loss, Step memory s, bool tokenSide) private {
        if (loss != 0) {
            address asset = tokenSide ? s.token : s.base;
            uint256 held = _treasury.holdings(asset);
            loss = loss > held ? loss - held : 0;
            if (loss != 0)
                loss -= Math.min(loss, _stakeCover(address(reactor), _tokeIn(s, tokenSide)));
        }
        if (loss == 0 && reactor.markedLoss() == 0) return;
        reactor.markLoss(Math.min(loss, reactor.deployedAssets()));
    }

    /// @dev TOKE's TWAP price in the step's token (`tokenSide`) or base; 0 if unavailable.
    function _tokeIn(Step memory s, bool tokenSide) private view returns (uint256) {
        if (tokenSide && s.priceX112 == 0) return 0;
        try _oracle.consult(_toke, s.base) returns (uint256 tokeInBaseX112) {
            return
                tokenSide
                    ? Math.mulDiv(tokeInBaseX112, LiquidityMathLib.Q112, s.priceX112)
                    : tokeInBaseX112;
        } catch {
            return 0;
        }
    }

    /// @dev What `reactor` must still get back to cover what it owes; zero when covered.
    function _coverNeed(IReactor reactor, uint256 slippageBps) private view returns (uint256) {
        return
            AllocationMathLib.coverNeed(
                reactor.idleAssets(),
                _owed(reactor),
                slippageBps,
                COVER_MARGIN_BPS
            );
    }

    /// @dev Tokens the pair may have deployed: the token Reactor's deployable assets, capped by
    ///      its share of the base Reactor's deployable assets converted at the TWAP price.
    function _deployableTokens(Step memory s, uint256 baseShareBps) private view returns (uint256) {
        return
            AllocationMathLib.pairCap(
                _deployableOf(s.tokenReactor, s.slippageBps),
                _deployableOf(s.baseReactor, s.slippageBps),
                baseShareBps,
                s.priceX112
            );
    }

    function _deployableOf(IReactor reactor, uint256 slippageBps) private view returns (uint256) {
        return
            AllocationMathLib.deployable(
                reactor.idleAssets() + reactor.deployedAssets(),
                _owed(reactor),
                slippageBps + COVER_MARGIN_BPS,
                _recallBufferBps
            );
    }

    /// @dev The voted venues and their tallies (zero for a venue without an adapter).
    function _weights(
        address reactor
    ) private view returns (bytes32[] memory ids, uint256[] memory weights, uint256 total) {
        IStakeDirectory directory = _directory;
        if (address(directory) == address(0)) return (ids, weights, 0);
        (ids, weights) = directory.venueWeights(reactor);
        for (uint256 i; i < ids.length; ++i) {
            if (address(_adapters[ids[i]]) == address(0)) weights[i] = 0;
            total += weights[i];
        }
    }

    function _setBounds(uint16 maxSlippageBps, uint16 minMoveBps) private {
        if (maxSlippageBps > MAX_SLIPPAGE_CEILING_BPS) {
            revert LiquidityAllocatorBadParameter(maxSlippageBps, MAX_SLIPPAGE_CEILING_BPS);
        }
        if (minMoveBps > MAX_MIN_MOVE_BPS)
            revert LiquidityAllocatorBadParameter(minMoveBps, MAX_MIN_MOVE_BPS);
        _maxSlippageBps = maxSlippageBps;
        _minMoveBps = minMoveBps;
        emit BoundsSet(maxSlippageBps, minMoveBps);
    }

    function _contains(
        bytes32[] memory list,
        uint256 length,
        bytes32 item
    ) private pure returns (bool) {
        for (uint256 i; i < length; ++i) {
            if (list[i] == item) return true;
        }
        return false;
    }
}
