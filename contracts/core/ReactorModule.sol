// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IERC7887Redeem} from "../interfaces/IERC7540.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {ReactorAccounts} from "./ReactorAccounts.sol";
import {ReactorStorage} from "./ReactorStorage.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title ReactorModule
/// @notice The cold paths of a Reactor, run by the Reactor with DELEGATECALL on the Reactor's
///         storage (ReactorStorage): settlement and the cover of short redemptions, cancellation,
///         the allocator's and governance's functions, and the controllers' books when they are
///         not the common case (a debt, a second request, a short maturity). Each function is the
///         IReactor function of the same signature (see its NatSpec there).
/// @dev Deployed by the Reactor's constructor with the Reactor's own immutables, so it cannot be
///      pointed at anything else; called directly it refuses (`ReactorModuleDirectCall`).
contract ReactorModule is ReactorAccounts, RoleGated {
    using CycleLedgerLib for CycleLedgerLib.Ledger;
    using CycleLedgerLib for CycleLedgerLib.Index;
    using SafeERC20 for IERC20;

    /// @dev Label of swept surplus in the Treasury's inflow records.
    bytes32 private constant SWEEP_SOURCE = "REACTOR_SURPLUS";

    address private immutable _self;

    modifier onlyDelegated() {
        if (address(this) == _self) revert IReactor.ReactorModuleDirectCall();
        _;
    }

    modifier onlyManager() {
        if (msg.sender != address(_manager)) revert IReactor.ReactorOnlyManager(msg.sender);
        _;
    }

    modifier onlyAllocator() {
        if (msg.sender != _allocator) revert IReactor.ReactorOnlyAllocator(msg.sender);
        _;
    }

    /// @notice Takes the Reactor's own dependencies (see Reactor's constructor).
    constructor(
        IERC20 asset_,
        ICycleManager manager_,
        IAccessControl roles_,
        address treasury_
    ) ReactorStorage(asset_, manager_, treasury_) RoleGated(roles_) {
        _self = address(this);
    }

    // ============================================================ controllers

    /// @notice Brings `controller`'s books up to date and stores them (the Reactor's slow path).
    function syncAccount(address controller) external onlyDelegated {
        _sync(controller, _ledger.index.cycle);
    }

    /// @notice Adds a request the Reactor's fast path could not (see ReactorAccounts).
    function addRequest(
        address controller,
        uint256 shares,
        uint256 active,
        uint32 maturity
    ) external onlyDelegated {
        _addRequest(controller, shares, active, maturity, _ledger.index.cycle);
    }

    /// @notice `controller`'s books as of now (a view through the Reactor's `viaModule`).
    function accountOf(address controller) external view onlyDelegated returns (Account memory) {
        return _account(controller, _ledger.index.cycle);
    }

    /// @notice See IReactor.earnedRewards.
    function earnedRewards(address holder) external view onlyDelegated returns (uint256) {
        return _ledger.earned(holder) + _account(holder, _ledger.index.cycle).reward;
    }

    /// @notice See IERC7887Redeem.cancelRedeemRequest.
    function cancelRedeemRequest(uint256 requestId, address controller) external onlyDelegated {
        _checkOperator(controller);
        uint32 bookCycle = _ledger.index.cycle;
        Account memory a = _load(controller, bookCycle);
        uint256 shares = a.request.shares + a.next.shares;
        if (requestId != REQUEST_ID || shares == 0) {
            revert IReactor.ReactorNothingToCancel(controller);
        }
        Queue memory q = _queue;
        // Cannot underflow: each pending request is part of the bucket of its maturity.
        if (a.request.cycle == bookCycle) q.dueShares -= a.request.shares;
        else q.dueNextShares -= a.request.shares;
        q.dueNextShares -= a.next.shares;
        _queue = q;
        _ledger.dropEscrowed(shares, a.request.activeShares + a.next.activeShares);
        a.request = IReactor.Request(0, 0, 0);
        a.next = Next(0, 0);
        a.claim.hasNext = false;
        _store(controller, a, true);
        _cancelShares(controller, shares);
        emit IERC7887Redeem.CancelRedeemRequest(controller, REQUEST_ID, msg.sender);
    }

    /// @notice See IERC7887Redeem.claimCancelRedeemRequest.
    function claimCancelRedeemRequest(
        uint256 requestId,
        address receiver,
        address controller
    ) external onlyDelegated returns (uint256 shares) {
        _checkOperator(controller);
        if (receiver == address(0) || receiver == address(this)) {
            revert IERC20Errors.ERC20InvalidReceiver(receiver);
        }
        shares = requestId == REQUEST_ID ? _takeCancelled(controller) : 0;
        if (shares == 0) revert IReactor.ReactorNothingToCancel(controller);
        _ledger.credit(receiver, shares);
        emit IERC20.Transfer(address(this), receiver, shares);
        emit IERC7887Redeem.CancelRedeemClaim(controller, receiver, REQUEST_ID, msg.sender, shares);
    }

    // ======================================================= manager / rewards

    /// @notice See IReactor.settleCycle.
    function settleCycle(
        uint256 lpReward
    ) external onlyDelegated onlyManager returns (uint256 undistributed) {
        CycleLedgerLib.Index memory idx = _ledger.index;
        undistributed = _ledger.settle(lpReward);
        Queue memory q = _queue;
        if (q.dueShares != 0) {
            _ledger.dropEscrowed(q.dueShares, q.dueShares);
            emit IERC20.Transfer(address(this), address(0), q.dueShares);
            _mature(idx, _ledger.index.rewardPerUnit - idx.rewardPerUnit, q.dueShares);
            q.dueShares = 0;
        } else if (_owed.uncovered != 0) {
            _coverOwed(idx.cycle, true);
        }
        if (q.quietUntil == 0) {
            q.dueShares = q.dueNextShares;
            q.dueNextShares = 0;
        }
        // The manager is mid-rollover: the next cycle starts where the closing one was scheduled
        // to end and lasts `nextDuration` (frozen during a rollover).
        ICycleManager.State memory clock = _manager.state();
        q.quietUntil = _quietUntil(uint256(clock.cycleStart) + clock.duration + clock.nextDuration);
        _queue = q;
        emit IReactor.CycleSettled(idx.cycle, lpReward, undistributed, _reserved());
    }

    /// @notice See IReactor.onRegistered.
    function onRegistered(uint32 currentCycle) external onlyDelegated onlyManager {
        uint256 supply = _shareSupply();
        if (supply != 0) revert IReactor.ReactorNotEmpty(supply);
        _ledger.index.cycle = currentCycle;
        _ledger.index.paused = _closed;
        _registered = true;
        ICycleManager.State memory clock = _manager.state();
        _queue.quietUntil = _quietUntil(uint256(clock.cycleStart) + clock.duration);
        emit IReactor.Registered(currentCycle);
    }

    /// @notice See IReactor.onDeregistered.
    function onDeregistered() external onlyDelegated onlyManager {
        _ledger.index.paused = true;
        _registered = false;
        emit IReactor.Deregistered();
    }

    // =============================================================== allocator

    /// @notice See IReactor.pullAssets.
    function pullAssets(uint256 assets) external onlyDelegated onlyAllocator {
        if (_ledger.index.paused) revert IReactor.ReactorPaused();
        uint256 idle = _idle();
        uint256 reserved = _reserved();
        uint256 available = idle > reserved ? idle - reserved : 0;
        if (assets > available) revert IReactor.ReactorPullExceedsAvailable(assets, available);
        _deployedAssets += assets;
        _asset.safeTransfer(msg.sender, assets);
        emit IReactor.AssetsPulled(msg.sender, assets);
    }

    /// @notice See IReactor.pushAssets.
    function pushAssets(uint256 assets) external onlyDelegated onlyAllocator {
        uint256 deployed = _deployedAssets;
        _deployedAssets = assets < deployed ? deployed - assets : 0;
        _asset.safeTransferFrom(msg.sender, address(this), assets);
        emit IReactor.AssetsPushed(msg.sender, assets);
        if (_owed.uncovered != 0) _coverOwed(_ledger.index.cycle, false);
    }

    /// @notice See IReactor.writeDown.
    function writeDown(uint256 loss) external onlyDelegated onlyAllocator {
        uint256 deployed = _deployedAssets;
        if (loss == 0 || loss > deployed) revert IReactor.ReactorBadWriteDown(loss, deployed);
        uint256 mark = _markedLoss;
        // The marked part of the loss is already in the rate: realising it changes no value.
        uint256 fromMark = loss < mark ? loss : mark;
        uint256 rest = loss - fromMark;
        uint256 oldRate = _ledger.index.rate;
        uint256 newRate = oldRate;
        uint256 supply = _shareSupply();
        if (rest != 0 && supply != 0) {
            // Rounded up so that supply x newRate <= supply x oldRate - rest: holders bear the
            // whole loss, never less.
            uint256 cut = (rest * CycleLedgerLib.RATE_SCALE + supply - 1) / supply;
            if (cut >= oldRate) revert IReactor.ReactorBadWriteDown(loss, deployed);
            newRate = oldRate - cut;
            // Cannot truncate: below the previous uint64 rate.
            _ledger.index.rate = uint64(newRate);
        }
        if (fromMark != 0) _markedLoss = mark - fromMark;
        _deployedAssets = deployed - loss;
        emit IReactor.WrittenDown(loss, oldRate, newRate);
    }

    /// @notice See IReactor.markLoss.
    function markLoss(uint256 unrealisedLoss) external onlyDelegated onlyAllocator {
        uint256 deployed = _deployedAssets;
        if (unrealisedLoss > deployed) revert IReactor.ReactorBadMark(unrealisedLoss, deployed);
        uint256 oldMark = _markedLoss;
        uint256 oldRate = _ledger.index.rate;
        uint256 newRate = oldRate;
        uint256 supply = _shareSupply();
        if (supply != 0 && unrealisedLoss != oldMark) {
            // The book value before any mark is supply x rate + the old mark; the new rate is
            // that value net of the new mark, rounded down (holders never get more).
            uint256 unmarked = supply * oldRate + oldMark * CycleLedgerLib.RATE_SCALE;
            uint256 marked = unrealisedLoss * CycleLedgerLib.RATE_SCALE;
            if (marked >= unmarked) revert IReactor.ReactorBadMark(unrealisedLoss, deployed);
            newRate = (unmarked - marked) / supply;
            if (newRate == 0) revert IReactor.ReactorBadMark(unrealisedLoss, deployed);
            _ledger.index.rate = SafeCast.toUint64(newRate);
        }
        _markedLoss = unrealisedLoss;
        emit IReactor.LossMarked(unrealisedLoss, oldRate, newRate);
    }

    // =================================================================== roles

    /// @notice See IReactor.pause.
    function pause() external onlyDelegated onlyGuardian {
        _ledger.index.paused = true;
        emit IReactor.DepositsPaused(msg.sender);
    }

    /// @notice See IReactor.unpause.
    function unpause() external onlyDelegated onlyGovernance {
        if (!_registered) revert IReactor.ReactorNotRegistered();
        if (_closed) revert IReactor.ReactorClosed();
        _ledger.index.paused = false;
        emit IReactor.DepositsUnpaused(msg.sender);
    }

    /// @notice See IReactor.close.
    function close() external onlyDelegated onlyGovernance {
        _closed = true;
        _ledger.index.paused = true;
        emit IReactor.Closed(msg.sender);
    }

    /// @notice See IReactor.setAllocator.
    function setAllocator(address allocator_) external onlyDelegated onlyGovernance {
        _allocator = allocator_;
        emit IReactor.AllocatorSet(allocator_);
    }

    /// @notice See IReactor.setRewardsDistributor.
    function setRewardsDistributor(address distributor) external onlyDelegated onlyGovernance {
        _rewardsDistributor = distributor;
        emit IReactor.RewardsDistributorSet(distributor);
    }

    /// @notice See IReactor.sweep.
    function sweep(address token) external onlyDelegated onlyGovernance returns (uint256 amount) {
        uint256 balance = IERC20(token).balanceOf(address(this));
        if (token == address(_asset)) {
            uint256 reserved = _reserved();
            // The mark is held back too: the rate left it out of the tAssets' value, but it
            // belongs to the holders until a write-down realises it.
            uint256 owed = _ledger.index.toUnderlyingUp(_shareSupply()) + reserved + _markedLoss;
            uint256 held = balance + _deployedAssets;
            uint256 surplus = held > owed ? held - owed : 0;
            uint256 free = balance > reserved ? balance - reserved : 0;
            amount = surplus < free ? surplus : free;
        } else {
            amount = balance;
        }
        if (amount != 0) {
            IERC20(token).forceApprove(_treasury, amount);
            ITreasury(_treasury).deposit(token, amount, SWEEP_SOURCE);
        }
        emit IReactor.Swept(token, amount);
    }

    // ================================================================ internal

    function _checkOperator(address controller) private view {
        if (msg.sender != controller && !_operators[controller][msg.sender]) {
            revert IReactor.ReactorNotOperator(msg.sender, controller);
        }
    }

    /// @dev A lower bound of the time in uint32 (year 2106): past it the manager is always asked.
    function _quietUntil(uint256 cycleEnd) private pure returns (uint32) {
        return cycleEnd > type(uint32).max ? type(uint32).max : uint32(cycleEnd);
    }
}
