// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IEmissionHook} from "../interfaces/IEmissionHook.sol";
import {ILiquidityAllocator} from "../interfaces/ILiquidityAllocator.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title CycleManager
/// @notice The protocol's clock and rollover state machine (see ICycleManager).
/// @dev Holds no funds: it only tells Reactors to settle. Registration changes are refused
///      during a rollover so the cursor always walks a fixed list.
contract CycleManager is ICycleManager, RoleGated {
    /// @notice Shortest allowed cycle, seconds.
    uint256 public constant MIN_CYCLE_SECONDS = 1 hours;
    /// @notice Longest allowed cycle, seconds.
    uint256 public constant MAX_CYCLE_SECONDS = 30 days;
    /// @notice Most Reactors the manager settles; keeps a full rollover within a few calls.
    uint256 public constant MAX_REACTORS = 64;
    /// @notice Most missed cycles a lagging Reactor settles in one rollover, on top of the
    ///         current one: bounds the work per Reactor while it catches up.
    uint256 public constant MAX_CATCH_UP_CYCLES = 4;

    /// @dev One Reactor in the settlement order, with the cycles its settlement failed in and
    ///      has not caught up yet (one slot: the count costs no extra read).
    struct Entry {
        address reactor;
        uint32 behind;
    }

    State private _state;
    address private _emissionHook;
    address private _allocator;
    /// @dev Settlement order; its length is `_state.reactorCount` (no array length slot to read).
    mapping(uint256 index => Entry) private _reactorAt;
    mapping(address reactor => bool) private _registered;
    mapping(address asset => address reactor) private _reactorOfAsset;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param roles_     The protocol's role registry.
    /// @param firstStart When cycle 0 starts, unix seconds (may be in the past: cycles then run
    ///                   back to back until the schedule catches up with the time).
    /// @param duration   Cycle length, seconds, within [MIN_CYCLE_SECONDS, MAX_CYCLE_SECONDS].
    constructor(IAccessControl roles_, uint256 firstStart, uint32 duration) RoleGated(roles_) {
        if (firstStart == 0 || firstStart > type(uint40).max)
            revert CycleManagerBadStart(firstStart);
        _checkDuration(duration);
        _state = State({
            cycle: 0,
            cycleStart: uint40(firstStart),
            duration: duration,
            nextDuration: duration,
            inProgress: false,
            cursor: 0,
            reactorCount: 0
        });
    }

    // =================================================================== views

    /// @inheritdoc ICycleManager
    function state() external view returns (State memory) {
        return _state;
    }

    /// @inheritdoc ICycleManager
    function cycleEnd() public view returns (uint256) {
        State memory s = _state;
        return uint256(s.cycleStart) + s.duration;
    }

    /// @inheritdoc ICycleManager
    function reactors() external view returns (address[] memory list) {
        uint256 count = _state.reactorCount;
        list = new address[](count);
        for (uint256 i; i < count; ++i) {
            list[i] = _reactorAt[i].reactor;
        }
    }

    /// @inheritdoc ICycleManager
    function cyclesBehind(address reactor) external view returns (uint256) {
        uint256 count = _state.reactorCount;
        for (uint256 i; i < count; ++i) {
            Entry memory e = _reactorAt[i];
            if (e.reactor == reactor) return e.behind;
        }
        return 0;
    }

    /// @inheritdoc ICycleManager
    function reactorOfAsset(address asset) external view returns (address) {
        return _reactorOfAsset[asset];
    }

    /// @inheritdoc ICycleManager
    function isReactor(address reactor) external view returns (bool) {
        return _registered[reactor];
    }

    /// @inheritdoc ICycleManager
    function emissionHook() external view returns (address) {
        return _emissionHook;
    }

    /// @inheritdoc ICycleManager
    function allocator() external view returns (address) {
        return _allocator;
    }

    // ================================================================ rollover

    /// @inheritdoc ICycleManager
    function startRollover() external {
        State memory s = _state;
        if (s.inProgress) revert CycleManagerRolloverInProgress(s.cycle);
        uint256 end = uint256(s.cycleStart) + s.duration;
        if (block.timestamp < end) revert CycleManagerCycleNotEnded(end, block.timestamp);
        s.inProgress = true;
        s.cursor = 0;
        _state = s;
        emit RolloverStarted(s.cycle, msg.sender);
    }

    /// @inheritdoc ICycleManager
    function processReactors(uint256 maxReactors) external returns (uint256 processed) {
        // The permissionless path moves liquidity within governance's bounds, in this block.
        return _processReactors(maxReactors, 0, block.timestamp);
    }

    /// @inheritdoc ICycleManager
    function processReactorsWithBounds(
        uint256 maxReactors,
        uint256 slippageBps,
        uint256 deadline
    ) external onlyKeeper returns (uint256 processed) {
        if (block.timestamp > deadline)
            revert CycleManagerDeadlinePassed(deadline, block.timestamp);
        return _processReactors(maxReactors, slippageBps, deadline);
    }

    /// @inheritdoc ICycleManager
    function completeRollover() external {
        State memory s = _state;
        if (!s.inProgress) revert CycleManagerNoRollover();
        if (s.cursor != s.reactorCount)
            revert CycleManagerReactorsPending(s.cursor, s.reactorCount);
        uint32 closed = s.cycle;
        // Anchored: the next cycle starts where this one was scheduled to end, however late the
        // rollover ran. Cannot overflow uint40 before the year 36,000.
        s.cycleStart += s.duration;
        s.duration = s.nextDuration;
        ++s.cycle;
        s.inProgress = false;
        s.cursor = 0;
        _state = s;
        emit RolloverCompleted(closed, s.cycleStart, s.duration);
    }

    // ============================================================== governance

    /// @inheritdoc ICycleManager
    function addReactor(address reactor) external onlyGovernance {
        State memory s = _state;
        if (s.inProgress) revert CycleManagerRolloverInProgress(s.cycle);
        if (_registered[reactor]) revert CycleManagerReactorRegistered(reactor);
        if (s.reactorCount >= MAX_REACTORS) revert CycleManagerTooManyReactors(MAX_REACTORS);
        if (reactor.code.length == 0 || IReactor(reactor).manager() != address(this)) {
            revert CycleManagerBadReactor(reactor);
        }
        // Two Reactors of one asset would share each adapter's LP balance of a pool.
        address asset = IReactor(reactor).asset();
        address holder = _reactorOfAsset[asset];
        if (holder != address(0)) revert CycleManagerAssetTaken(asset, holder);
        _reactorOfAsset[asset] = reactor;
        _registered[reactor] = true;
        _reactorAt[s.reactorCount] = Entry({reactor: reactor, behind: 0});
        ++s.reactorCount;
        _state = s;
        IReactor(reactor).onRegistered(s.cycle);
        emit ReactorAdded(reactor);
    }

    /// @inheritdoc ICycleManager
    function removeReactor(address reactor) external onlyGovernance {
        State memory s = _state;
        if (s.inProgress) revert CycleManagerRolloverInProgress(s.cycle);
        if (!_registered[reactor]) revert CycleManagerReactorNotRegistered(reactor);
        // A Reactor with holders leaves only once wound down (closed, nothing deployed, every
        // matured exit covered): its holders then redeem at once from idle.
        uint256 supply = IReactor(reactor).totalSupply();
        if (supply != 0 && !IReactor(reactor).windDownComplete()) {
            revert CycleManagerReactorNotEmpty(reactor, supply);
        }
        // Registered, so it is in the list: move the last one into its place.
        uint256 last = s.reactorCount - 1;
        for (uint256 i; i < last; ++i) {
            if (_reactorAt[i].reactor == reactor) {
                _reactorAt[i] = _reactorAt[last];
                break;
            }
        }
        delete _reactorAt[last];
        --s.reactorCount;
        _state = s;
        _registered[reactor] = false;
        delete _reactorOfAsset[IReactor(reactor).asset()];
        IReactor(reactor).onDeregistered();
        emit ReactorRemoved(reactor);
    }

    /// @inheritdoc ICycleManager
    function setDuration(uint32 duration) external onlyGovernance {
        State memory s = _state;
        // Reactors settled in a rollover have already read the next cycle's end time.
        if (s.inProgress) revert CycleManagerRolloverInProgress(s.cycle);
        _checkDuration(duration);
        _state.nextDuration = duration;
        emit DurationSet(duration);
    }

    /// @inheritdoc ICycleManager
    function setAllocator(address allocator_) external onlyGovernance {
        if (_state.inProgress) revert CycleManagerRolloverInProgress(_state.cycle);
        if (allocator_ != address(0) && allocator_.code.length == 0)
            revert CycleManagerBadAllocator(allocator_);
        _allocator = allocator_;
        emit AllocatorSet(allocator_);
    }

    /// @inheritdoc ICycleManager
    function setEmissionHook(address hook) external onlyGovernance {
        State memory s = _state;
        if (s.inProgress) revert CycleManagerRolloverInProgress(s.cycle);
        if (hook != address(0) && hook.code.length == 0) revert CycleManagerBadEmissionHook(hook);
        _emissionHook = hook;
        emit EmissionHookSet(hook);
    }

    // ================================================================ internal

    /// @dev Per Reactor: its LP reward, then its venue step (before settling, which must find
    ///      matured redemptions covered by idle assets), then the cycles it missed, then this
    ///      one. Each external step is isolated: a revert is recorded (event) and the cursor moves
    ///      on, so one Reactor, venue or hook never blocks the others or the rollover.
    function _processReactors(
        uint256 maxReactors,
        uint256 slippageBps,
        uint256 deadline
    ) private returns (uint256 processed) {
        if (maxReactors == 0) revert CycleManagerZeroChunk();
        State memory s = _state;
        if (!s.inProgress) revert CycleManagerNoRollover();
        uint256 from = s.cursor;
        uint256 count = s.reactorCount;
        if (from == count) revert CycleManagerNothingToProcess(s.cycle);
        uint256 to = count - from < maxReactors ? count : from + maxReactors;
        address hook = _emissionHook;
        address allocator_ = _allocator;
        for (uint256 i = from; i < to; ++i) {
            Entry memory e = _reactorAt[i];
            uint256 lpReward = hook == address(0) ? 0 : _reward(hook, e.reactor, s.cycle);
            if (allocator_ != address(0)) _rebalance(allocator_, e.reactor, slippageBps, deadline);
            uint32 behind = _catchUp(hook, e, s.cycle);
            if (!_settle(hook, e.reactor, s.cycle, lpReward)) ++behind;
            if (behind != e.behind) {
                _reactorAt[i].behind = behind;
                emit ReactorLagged(e.reactor, s.cycle, behind);
            }
        }
        // Cannot truncate: to <= MAX_REACTORS.
        s.cursor = uint16(to);
        _state = s;
        emit ReactorsProcessed(s.cycle, from, to);
        return to - from;
    }

    /// @dev The hook's LP reward for `reactor`; zero (event) if the hook reverts.
    function _reward(address hook, address reactor, uint32 cycle) private returns (uint256) {
        uint256 gasBefore = gasleft();
        try IEmissionHook(hook).onReactorRollover(reactor, cycle) returns (uint256 lpReward) {
            return lpReward;
        } catch (bytes memory reason) {
            _checkGas(gasBefore, reactor);
            emit EmissionHookFailed(reactor, cycle, reason);
            return 0;
        }
    }

    /// @dev The allocator's venue step for `reactor`; a revert is recorded and skipped.
    function _rebalance(
        address allocator_,
        address reactor,
        uint256 slippageBps,
        uint256 deadline
    ) private {
        uint256 gasBefore = gasleft();
        // solhint-disable-next-line no-empty-blocks
        try ILiquidityAllocator(allocator_).rebalance(reactor, slippageBps, deadline) {} catch (
            bytes memory reason
        ) {
            _checkGas(gasBefore, reactor);
            emit AllocationFailed(reactor, reason);
        }
    }

    /// @dev Settles, without reward (a reward of a failed cycle was carried by the hook), up to
    ///      MAX_CATCH_UP_CYCLES of the cycles `e.reactor` missed. Returns the cycles still missed.
    function _catchUp(address hook, Entry memory e, uint32 cycle) private returns (uint32 behind) {
        behind = e.behind;
        for (uint256 n; behind != 0 && n < MAX_CATCH_UP_CYCLES; ++n) {
            if (!_settle(hook, e.reactor, cycle, 0)) break;
            --behind;
        }
    }

    /// @dev One settlement of `reactor`. A revert is recorded and its reward handed back to the
    ///      hook as undistributed, so nothing is lost and the Reactor settles it next rollover.
    function _settle(
        address hook,
        address reactor,
        uint32 cycle,
        uint256 lpReward
    ) private returns (bool ok) {
        uint256 gasBefore = gasleft();
        uint256 undistributed;
        try IReactor(reactor).settleCycle(lpReward) returns (uint256 left) {
            undistributed = left;
            ok = true;
        } catch (bytes memory reason) {
            _checkGas(gasBefore, reactor);
            emit ReactorSettlementFailed(reactor, cycle, reason);
            undistributed = lpReward;
        }
        if (undistributed != 0) _carry(hook, reactor, cycle, undistributed);
    }

    /// @dev Hands `amount` of `reactor`'s reward back to the hook; a revert is recorded.
    function _carry(address hook, address reactor, uint32 cycle, uint256 amount) private {
        uint256 gasBefore = gasleft();
        // solhint-disable-next-line no-empty-blocks
        try IEmissionHook(hook).onRewardUndistributed(reactor, cycle, amount) {} catch (
            bytes memory reason
        ) {
            _checkGas(gasBefore, reactor);
            emit EmissionHookFailed(reactor, cycle, reason);
        }
    }

    /// @dev A step that reverted with at most 1/64 of the gas it was given left ran out of gas
    ///      (EIP-150 keeps 1/64 back): the caller gave too little, so the whole call reverts
    ///      rather than record a failure a caller could provoke on purpose.
    function _checkGas(uint256 gasBefore, address reactor) private view {
        if (gasleft() <= gasBefore / 64) revert CycleManagerOutOfGas(reactor);
    }

    function _checkDuration(uint256 duration) private pure {
        if (duration < MIN_CYCLE_SECONDS || duration > MAX_CYCLE_SECONDS)
            revert CycleManagerBadDuration(duration);
    }
}
