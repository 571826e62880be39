// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {ILiquidityAllocator} from "../interfaces/ILiquidityAllocator.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {IStakeDirectory} from "../interfaces/IStakeDirectory.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {ITwapOracle} from "../interfaces/ITwapOracle.sol";
import {IVenueAdapter} from "../interfaces/IVenueAdapter.sol";
import {LiquidityMathLib} from "../libraries/LiquidityMathLib.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title LiquidityAllocator
/// @notice The rollover's venue step (see ILiquidityAllocator).
/// @dev Holds nothing between calls: every amount it pulls is deployed, pushed back to its
///      Reactor, or paid to the Treasury within the same call.
contract LiquidityAllocator is ILiquidityAllocator, RoleGated {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    uint256 private constant BPS = 10_000;
    /// @notice Most slippage governance may allow on a move (5%).
    uint256 public constant MAX_SLIPPAGE_CEILING_BPS = 500;
    /// @notice Largest "smallest move" governance may set (10% of the deployable assets).
    uint256 public constant MAX_MIN_MOVE_BPS = 1_000;
    /// @notice Most venues a Reactor pair holds positions in at once (LD staking allows 8).
    uint256 public constant MAX_VENUES_PER_REACTOR = 8;
    /// @notice Most token Reactors paired with one base Reactor.
    uint256 public constant MAX_PAIRINGS_PER_BASE = 16;
    /// @notice Extra withdrawn, on top of the slippage allowance, when a Reactor must cover its
    ///         redemptions: venues round every burn down.
    uint256 private constant COVER_MARGIN_BPS = 1;
    /// @notice Withdrawal passes made to cover redemptions (a pass can come back short by the
    ///         slippage allowance; the second covers that).
    uint256 private constant COVER_PASSES = 2;
    /// @notice Smallest cover withdrawal, in bps of the position it comes from: a dust burn
    ///      would round one side to zero and revert.
    uint256 private constant COVER_MIN_BPS = 10;
    /// @notice Treasury inflow labels.
    bytes32 public constant FEES_SOURCE = "VENUE_FEES";
    bytes32 public constant SURPLUS_SOURCE = "VENUE_SURPLUS";
    bytes32 public constant SLASH_SOURCE = "LD_SLASH";

    /// @dev One Reactor pair's step, kept in memory to share it between the helpers.
    struct Step {
        IReactor tokenReactor;
        IReactor baseReactor;
        address token;
        address base;
        uint256 priceX112;
        uint256 slippageBps;
        uint256 deadline;
    }

    ICycleManager private immutable _manager;
    ITwapOracle private immutable _oracle;
    ITreasury private immutable _treasury;
    address private immutable _toke;

    IStakeDirectory private _directory;
    uint16 private _maxSlippageBps;
    uint16 private _minMoveBps;
    mapping(bytes32 venue => IVenueAdapter) private _adapters;
    mapping(address tokenReactor => Pairing) private _pairings;
    mapping(address baseReactor => address[]) private _pairedWith;
    mapping(address baseReactor => uint256) private _baseShareTotal;
    mapping(address tokenReactor => mapping(bytes32 venue => Principal)) private _principal;
    mapping(address tokenReactor => bytes32[]) private _held;
    mapping(address reactor => uint256) private _treasuryDebt;

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
    ) RoleGated(roles_) {
        if (manager_ == address(0) || oracle_ == address(0) || treasury_ == address(0) || toke_ == address(0)) {
            revert LiquidityAllocatorZeroAddress();
        }
        _manager = ICycleManager(manager_);
        _oracle = ITwapOracle(oracle_);
        _treasury = ITreasury(treasury_);
        _toke = toke_;
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
    function principalOf(address tokenReactor, bytes32 venue) external view returns (Principal memory) {
        return _principal[tokenReactor][venue];
    }

    /// @inheritdoc ILiquidityAllocator
    function heldVenues(address tokenReactor) external view returns (bytes32[] memory) {
        return _held[tokenReactor];
    }

    /// @inheritdoc ILiquidityAllocator
    function treasuryDebt(address reactor) external view returns (uint256) {
        return _treasuryDebt[reactor];
    }

    /// @inheritdoc ILiquidityAllocator
    function bounds() external view returns (uint256, uint256) {
        return (_maxSlippageBps, _minMoveBps);
    }

    // ================================================================= rollover

    /// @inheritdoc ILiquidityAllocator
    function rebalance(address reactor, uint256 slippageBps, uint256 deadline) external {
        if (msg.sender != address(_manager)) revert LiquidityAllocatorOnlyManager(msg.sender);
        uint256 maxSlippage = _maxSlippageBps;
        if (slippageBps > maxSlippage) revert LiquidityAllocatorSlippageTooWide(slippageBps, maxSlippage);
        uint256 slippage = slippageBps == 0 ? maxSlippage : slippageBps;

        _repayTreasuryDebt(reactor);
        Pairing memory pairing = _pairings[reactor];
        if (pairing.baseReactor != address(0)) {
            (bool priced, Step memory s) = _step(reactor, pairing.baseReactor, slippage, deadline);
            if (priced) _rebalancePair(s, pairing.baseShareBps);
        } else {
            _coverBase(reactor, slippage, deadline);
        }
    }

    // =============================================================== governance

    /// @inheritdoc ILiquidityAllocator
    function registerVenue(bytes32 venue, address adapter) external onlyGovernance {
        if (venue == bytes32(0) || adapter == address(0)) revert LiquidityAllocatorZeroAddress();
        if (address(_adapters[venue]) != address(0)) revert LiquidityAllocatorVenueRegistered(venue);
        if (IVenueAdapter(adapter).allocator() != address(this)) revert LiquidityAllocatorForeignAdapter(adapter);
        _adapters[venue] = IVenueAdapter(adapter);
        emit VenueRegistered(venue, adapter);
    }

    /// @inheritdoc ILiquidityAllocator
    function setPairing(address tokenReactor, address baseReactor, uint16 baseShareBps) external onlyGovernance {
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
    function setStakeDirectory(address directory) external onlyGovernance {
        _directory = IStakeDirectory(directory);
        emit StakeDirectorySet(directory);
    }

    // =========================================================== pair rebalance

    /// @dev Builds the step of a pair: assets and a reference price (after recording a TWAP
    ///      observation). No price, no moves.
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
        // The rollover keeps the oracle's observations at most a cycle apart.
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
        for (uint256 i; i < held.length; ++i) {
            _realiseFees(s, held[i]);
        }

        uint256 deployable = _deployableTokens(s, baseShareBps);
        uint256 minMove = (deployable * _minMoveBps) / BPS;
        (bytes32[] memory ids, uint256[] memory targets) = _targets(reactor, deployable);

        for (uint256 i; i < held.length; ++i) {
            uint256 target = _targetOf(held[i], ids, targets);
            uint256 current = _principal[reactor][held[i]].token;
            if (current > target && current - target > minMove) {
                _withdrawShare(s, held[i], current - target, current);
            }
        }
        // Withdrawals may have realised a loss: deploy against what is deployable now.
        (ids, targets) = _targets(reactor, _deployableTokens(s, baseShareBps));
        for (uint256 i; i < ids.length; ++i) {
            uint256 current = _principal[reactor][ids[i]].token;
            if (targets[i] > current && targets[i] - current > minMove) {
                _deploy(s, ids[i], targets[i] - current);
            }
        }
        _coverToken(s);
    }

    /// @dev If the token Reactor's idle assets still fall short of what it owes (a withdrawal
    ///      came back short, a venue was skipped), withdraws the rest from its largest position.
    function _coverToken(Step memory s) private {
        address reactor = address(s.tokenReactor);
        for (uint256 pass; pass < COVER_PASSES; ++pass) {
            uint256 missing = _missing(s.tokenReactor, s.slippageBps);
            if (missing == 0) return;
            (bytes32 venue, uint256 tokenIn) = _largest(reactor, true);
            if (tokenIn == 0) return;
            _withdrawShare(s, venue, Math.max(missing, Math.mulDiv(tokenIn, COVER_MIN_BPS, BPS)), tokenIn);
        }
    }

    /// @dev The held venue with the most token (or base) principal, and that principal.
    function _largest(address reactor, bool token) private view returns (bytes32 venue, uint256 amount) {
        bytes32[] memory held = _held[reactor];
        for (uint256 i; i < held.length; ++i) {
            Principal memory p = _principal[reactor][held[i]];
            uint256 value = token ? p.token : p.base;
            if (value > amount) (venue, amount) = (held[i], value);
        }
    }

    /// @dev What `reactor` must still get back to cover what it owes, with the margin a
    ///      withdrawal may lose; zero when covered.
    function _missing(IReactor reactor, uint256 slippageBps) private view returns (uint256) {
        uint256 idle = reactor.idleAssets();
        uint256 owed = _owed(reactor);
        if (idle >= owed) return 0;
        return Math.mulDiv(owed - idle, BPS + slippageBps + COVER_MARGIN_BPS, BPS - slippageBps, Math.Rounding.Ceil);
    }

    /// @dev Tokens the pair may have deployed: the token Reactor's deployable assets, capped by
    ///      its share of the base Reactor's deployable assets converted at the TWAP price.
    function _deployableTokens(Step memory s, uint256 baseShareBps) private view returns (uint256) {
        uint256 tokens = _deployableOf(s.tokenReactor, s.slippageBps);
        uint256 baseCap = (_deployableOf(s.baseReactor, s.slippageBps) * baseShareBps) / BPS;
        return Math.min(tokens, LiquidityMathLib.quoteInverse(baseCap, s.priceX112));
    }

    /// @dev Idle plus deployed, less what redemptions (matured and pending, with the margin a
    ///      withdrawal to pay them may lose) and the Treasury's debt account for.
    function _deployableOf(IReactor reactor, uint256 slippageBps) private view returns (uint256) {
        uint256 total = reactor.idleAssets() + reactor.deployedAssets();
        uint256 owed = _owed(reactor);
        owed += Math.mulDiv(owed, slippageBps + COVER_MARGIN_BPS, BPS, Math.Rounding.Ceil) + _treasuryDebt[address(reactor)];
        return total > owed ? total - owed : 0;
    }

    /// @dev Idle assets the Reactor must keep: matured requests and those maturing next.
    function _owed(IReactor reactor) private view returns (uint256) {
        return reactor.reservedAssets() + reactor.convertToAssets(reactor.pendingRedeemShares());
    }

    /// @dev Idle assets the allocator may take from `reactor` now.
    function _free(IReactor reactor) private view returns (uint256) {
        uint256 idle = reactor.idleAssets();
        uint256 owed = _owed(reactor);
        return idle > owed ? idle - owed : 0;
    }

    /// @dev Per voted venue with an adapter: its share of `deployable`, pro rata to its tally.
    function _targets(
        address reactor,
        uint256 deployable
    ) private view returns (bytes32[] memory ids, uint256[] memory targets) {
        IStakeDirectory directory = _directory;
        if (address(directory) == address(0)) return (ids, targets);
        uint256[] memory weights;
        (ids, weights) = directory.venueWeights(reactor);
        uint256 total;
        for (uint256 i; i < ids.length; ++i) {
            if (address(_adapters[ids[i]]) == address(0)) weights[i] = 0;
            total += weights[i];
        }
        targets = new uint256[](ids.length);
        if (total == 0) return (ids, targets);
        for (uint256 i; i < ids.length; ++i) {
            targets[i] = Math.mulDiv(deployable, weights[i], total);
        }
    }

    function _targetOf(bytes32 venue, bytes32[] memory ids, uint256[] memory targets) private pure returns (uint256) {
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == venue) return targets[i];
        }
        return 0;
    }

    // ==================================================================== moves

    /// @dev Deploys up to `tokens` (and the base they need at the TWAP price), scaled down to
    ///      what both Reactors can give now.
    function _deploy(Step memory s, bytes32 venue, uint256 tokens) private {
        if (s.tokenReactor.paused() || s.baseReactor.paused()) return;
        address reactor = address(s.tokenReactor);
        if (_principal[reactor][venue].token == 0 && _held[reactor].length == MAX_VENUES_PER_REACTOR) return;
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
                _lessSlippage(tokens, s.slippageBps),
                _lessSlippage(base, s.slippageBps),
                s.deadline
            )
        returns (uint256 tokenUsed, uint256 baseUsed, uint256 liquidity) {
            Principal storage p = _principal[reactor][venue];
            if (p.token == 0 && p.base == 0) _held[reactor].push(venue);
            p.token += tokenUsed.toUint128();
            p.base += baseUsed.toUint128();
            _push(s.tokenReactor, s.token, tokens - tokenUsed);
            _push(s.baseReactor, s.base, base - baseUsed);
            emit LiquidityDeployed(reactor, venue, tokenUsed, baseUsed, liquidity);
        } catch (bytes memory reason) {
            _push(s.tokenReactor, s.token, tokens);
            _push(s.baseReactor, s.base, base);
            emit VenueSkipped(reactor, venue, reason);
        }
    }

    /// @dev Withdraws the part `amount / total` of the pair's position in `venue`.
    function _withdrawShare(Step memory s, bytes32 venue, uint256 amount, uint256 total) private {
        IVenueAdapter adapter = _adapters[venue];
        address reactor = address(s.tokenReactor);
        try adapter.positionAt(s.token, s.base, s.priceX112) returns (uint256 held, uint256 fairToken, uint256 fairBase) {
            uint256 liquidity = amount >= total ? held : Math.mulDiv(held, amount, total);
            if (liquidity == 0) return;
            _withdraw(s, venue, liquidity, held, fairToken, fairBase);
        } catch (bytes memory reason) {
            emit VenueSkipped(reactor, venue, reason);
        }
    }

    /// @dev Burns `liquidity` of `held` and settles each asset against its share of principal.
    function _withdraw(
        Step memory s,
        bytes32 venue,
        uint256 liquidity,
        uint256 held,
        uint256 fairToken,
        uint256 fairBase
    ) private {
        (uint256 tokenMin, uint256 baseMin) = _removeMins(s, liquidity, held, fairToken, fairBase);
        (bool ok, uint256 tokenOut, uint256 baseOut) = _remove(s, venue, liquidity, tokenMin, baseMin);
        if (ok) _book(s, venue, liquidity, held, tokenOut, baseOut);
    }

    /// @dev Takes the burned share of the principal off the books and settles each asset.
    function _book(
        Step memory s,
        bytes32 venue,
        uint256 liquidity,
        uint256 held,
        uint256 tokenOut,
        uint256 baseOut
    ) private {
        address reactor = address(s.tokenReactor);
        Principal memory p = _principal[reactor][venue];
        // The whole position takes the whole principal; a part takes its share rounded up, so
        // that no surplus is claimed out of rounding.
        Principal memory share = liquidity == held
            ? p
            : Principal({
                token: uint128(Math.mulDiv(p.token, liquidity, held, Math.Rounding.Ceil)),
                base: uint128(Math.mulDiv(p.base, liquidity, held, Math.Rounding.Ceil))
            });
        // Cannot truncate or underflow: each share is at most the uint128 it is taken from.
        _principal[reactor][venue] = Principal({token: p.token - share.token, base: p.base - share.base});
        if (liquidity == held) _dropHeld(reactor, venue);
        emit LiquidityWithdrawn(reactor, venue, liquidity, tokenOut, baseOut);
        _settle(s.tokenReactor, s.token, share.token, tokenOut);
        _settle(s.baseReactor, s.base, share.base, baseOut);
    }

    /// @dev Sends the position's value above its principal's (both at the TWAP price) to the
    ///      Treasury, by burning that fraction of the liquidity.
    function _realiseFees(Step memory s, bytes32 venue) private {
        address reactor = address(s.tokenReactor);
        try _adapters[venue].positionAt(s.token, s.base, s.priceX112) returns (
            uint256 held,
            uint256 fairToken,
            uint256 fairBase
        ) {
            uint256 liquidity = _feeLiquidity(s, _principal[reactor][venue], held, fairToken, fairBase);
            if (liquidity == 0) return;
            (fairToken, fairBase) = _removeMins(s, liquidity, held, fairToken, fairBase);
            (bool ok, uint256 tokenOut, uint256 baseOut) = _remove(s, venue, liquidity, fairToken, fairBase);
            if (!ok) return;
            _toTreasury(s.token, tokenOut, FEES_SOURCE);
            _toTreasury(s.base, baseOut, FEES_SOURCE);
            emit FeesRealised(reactor, venue, tokenOut, baseOut);
        } catch (bytes memory reason) {
            emit VenueSkipped(reactor, venue, reason);
        }
    }

    /// @dev The liquidity worth the position's value above its principal's, at the TWAP price.
    function _feeLiquidity(
        Step memory s,
        Principal memory p,
        uint256 held,
        uint256 fairToken,
        uint256 fairBase
    ) private pure returns (uint256) {
        uint256 value = LiquidityMathLib.quote(fairToken, s.priceX112) + fairBase;
        uint256 principalValue = LiquidityMathLib.quote(p.token, s.priceX112) + p.base;
        if (value <= principalValue) return 0;
        return Math.mulDiv(held, value - principalValue, value);
    }

    /// @dev Burns `liquidity`; a failure is recorded and skipped.
    function _remove(
        Step memory s,
        bytes32 venue,
        uint256 liquidity,
        uint256 tokenMin,
        uint256 baseMin
    ) private returns (bool ok, uint256 tokenOut, uint256 baseOut) {
        try _adapters[venue].removeLiquidity(s.token, s.base, liquidity, tokenMin, baseMin, s.deadline) returns (
            uint256 tokenAmount,
            uint256 baseAmount
        ) {
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
    ) private pure returns (uint256 tokenMin, uint256 baseMin) {
        tokenMin = _lessSlippage(Math.mulDiv(fairToken, liquidity, held), s.slippageBps);
        baseMin = _lessSlippage(Math.mulDiv(fairBase, liquidity, held), s.slippageBps);
    }

    /// @dev A base Reactor short of idle assets for its redemptions withdraws the missing part
    ///      from the largest position it is paired in, per paired token Reactor in turn.
    function _coverBase(address baseReactor, uint256 slippage, uint256 deadline) private {
        address[] memory paired = _pairedWith[baseReactor];
        IReactor base = IReactor(baseReactor);
        for (uint256 i; i < paired.length; ++i) {
            uint256 missing = _missing(base, slippage);
            if (missing == 0) return;
            (bool priced, Step memory s) = _step(paired[i], baseReactor, slippage, deadline);
            if (!priced) continue;
            for (uint256 pass; pass < COVER_PASSES && missing != 0; ++pass) {
                (bytes32 venue, uint256 baseIn) = _largest(paired[i], false);
                if (baseIn == 0) break;
                _withdrawShare(s, venue, Math.max(missing, Math.mulDiv(baseIn, COVER_MIN_BPS, BPS)), baseIn);
                missing = _missing(base, slippage);
            }
        }
    }

    // ============================================================ loss waterfall

    /// @dev Gives `reactor` back its `principal` share of `asset` out of `received`: a surplus
    ///      goes to the Treasury, a shortfall down the waterfall.
    function _settle(IReactor reactor, address asset, uint256 principal, uint256 received) private {
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
        if (missing != 0) missing -= _slash(reactor, missing);
        if (missing != 0) {
            reactor.writeDown(missing);
            emit LossWrittenDown(address(reactor), missing);
        }
    }

    /// @dev Slashes TOKE worth `missing` of the Reactor's asset (at the TWAP prices) from its LD
    ///      stake to the Treasury, which then owes the Reactor the part covered.
    /// @return covered Asset amount the slash covered.
    function _slash(IReactor reactor, uint256 missing) private returns (uint256 covered) {
        IStakeDirectory directory = _directory;
        if (address(directory) == address(0)) return 0;
        (bool ok, uint256 tokeWanted) = _tokeValueOf(address(reactor), missing);
        if (!ok || tokeWanted == 0) return 0;
        try directory.slash(address(reactor), tokeWanted, address(this)) returns (uint256 slashed) {
            if (slashed == 0) return 0;
            covered = slashed >= tokeWanted ? missing : Math.mulDiv(missing, slashed, tokeWanted);
            _toTreasury(_toke, slashed, SLASH_SOURCE);
            _treasuryDebt[address(reactor)] += covered;
            emit LossCoveredBySlash(address(reactor), slashed, covered);
        } catch {
            return 0;
        }
    }

    /// @dev TOKE worth `amount` of `reactor`'s asset: through its base asset for a token
    ///      Reactor, directly for a base Reactor (the oracle must track TOKE against the base).
    function _tokeValueOf(address reactor, uint256 amount) private view returns (bool, uint256) {
        Pairing memory pairing = _pairings[reactor];
        address asset = IReactor(reactor).asset();
        address base = pairing.baseReactor == address(0) ? asset : IReactor(pairing.baseReactor).asset();
        uint256 inBase = amount;
        if (base != asset) {
            try _oracle.consult(asset, base) returns (uint256 priceX112) {
                inBase = LiquidityMathLib.quote(amount, priceX112);
            } catch {
                return (false, 0);
            }
        }
        try _oracle.consult(_toke, base) returns (uint256 tokePriceX112) {
            return (true, LiquidityMathLib.quoteInverse(inBase, tokePriceX112));
        } catch {
            return (false, 0);
        }
    }

    /// @dev Repays what the Treasury owes `reactor` from its holdings of the asset.
    function _repayTreasuryDebt(address reactor) private {
        uint256 debt = _treasuryDebt[reactor];
        if (debt == 0) return;
        address asset = IReactor(reactor).asset();
        uint256 repaid = Math.min(debt, _treasury.holdings(asset));
        if (repaid == 0) return;
        _treasuryDebt[reactor] = debt - repaid;
        _treasury.coverLoss(asset, repaid);
        _push(IReactor(reactor), asset, repaid);
        emit TreasuryDebtRepaid(reactor, repaid);
    }

    // ================================================================== helpers

    function _push(IReactor reactor, address asset, uint256 amount) private {
        if (amount == 0) return;
        _approve(asset, address(reactor), amount);
        reactor.pushAssets(amount);
    }

    function _toTreasury(address asset, uint256 amount, bytes32 source) private {
        if (amount == 0) return;
        _approve(asset, address(_treasury), amount);
        _treasury.deposit(asset, amount, source);
    }

    /// @dev Approves `spender` without limit the first time it needs more than it has: the
    ///      spenders are registered contracts and the allocator holds nothing between calls.
    function _approve(address asset, address spender, uint256 amount) private {
        if (IERC20(asset).allowance(address(this), spender) < amount) {
            IERC20(asset).forceApprove(spender, type(uint256).max);
        }
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

    function _lessSlippage(uint256 amount, uint256 slippageBps) private pure returns (uint256) {
        return Math.mulDiv(amount, BPS - slippageBps, BPS);
    }

    function _setBounds(uint16 maxSlippageBps, uint16 minMoveBps) private {
        if (maxSlippageBps > MAX_SLIPPAGE_CEILING_BPS) {
            revert LiquidityAllocatorBadParameter(maxSlippageBps, MAX_SLIPPAGE_CEILING_BPS);
        }
        if (minMoveBps > MAX_MIN_MOVE_BPS) revert LiquidityAllocatorBadParameter(minMoveBps, MAX_MIN_MOVE_BPS);
        _maxSlippageBps = maxSlippageBps;
        _minMoveBps = minMoveBps;
        emit BoundsSet(maxSlippageBps, minMoveBps);
    }
}
