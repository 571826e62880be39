// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICycleManager
/// @notice The protocol's clock and the rollover state machine. Cycles follow an anchored
///         schedule: cycle N+1 starts exactly `duration` after cycle N started, however late its
///         rollover ran, so a missed rollover is caught up by running rollovers back to back, each
///         allowed once its cycle's end time has passed.
///
///         A rollover is three permissionless steps: `startRollover` (once the cycle has ended),
///         `processReactors` (settles registered Reactors in order, in chunks, from a cursor:
///         gas per call grows with the chunk size only, never with the number of users), and
///         `completeRollover` (once every Reactor was settled). Nothing can run twice for a cycle
///         and a partial run resumes where it stopped.
interface ICycleManager {
    /// @notice Everything about the clock, in one storage slot.
    /// @param cycle        Index of the current cycle (the one a rollover in progress is closing).
    /// @param cycleStart   Start of the current cycle, unix seconds.
    /// @param duration     Length of the current cycle, seconds.
    /// @param nextDuration Length of the cycles after the current one, seconds.
    /// @param inProgress   A rollover of `cycle` was started and not completed.
    /// @param cursor       Index of the next Reactor to settle in the rollover in progress.
    /// @param reactorCount How many Reactors are registered.
    struct State {
        uint32 cycle;
        uint40 cycleStart;
        uint32 duration;
        uint32 nextDuration;
        bool inProgress;
        uint16 cursor;
        uint16 reactorCount;
    }

    /// @notice A cycle duration is outside [MIN_CYCLE_SECONDS, MAX_CYCLE_SECONDS].
    error CycleManagerBadDuration(uint256 duration);
    /// @notice The first cycle's start is zero or does not fit the clock.
    error CycleManagerBadStart(uint256 start);
    /// @notice The current cycle ends at `cycleEnd`; it is only `nowSeconds`.
    error CycleManagerCycleNotEnded(uint256 cycleEnd, uint256 nowSeconds);
    /// @notice A rollover is already in progress.
    error CycleManagerRolloverInProgress(uint32 cycle);
    /// @notice No rollover is in progress.
    error CycleManagerNoRollover();
    /// @notice `processReactors` was asked for zero Reactors.
    error CycleManagerZeroChunk();
    /// @notice Every Reactor was already settled in this rollover; complete it.
    error CycleManagerNothingToProcess(uint32 cycle);
    /// @notice Reactors `cursor`..`count` are still to be settled.
    error CycleManagerReactorsPending(uint256 cursor, uint256 count);
    /// @notice `reactor` is already registered.
    error CycleManagerReactorRegistered(address reactor);
    /// @notice `reactor` is not registered.
    error CycleManagerReactorNotRegistered(address reactor);
    /// @notice `reactor` is not a contract or does not answer to this manager.
    error CycleManagerBadReactor(address reactor);
    /// @notice `reactor` still has `supply` tAssets outstanding and is not wound down
    ///         (`IReactor.windDownComplete`): close it and let matured exits be paid first.
    error CycleManagerReactorNotEmpty(address reactor, uint256 supply);
    /// @notice The Reactor list is full.
    error CycleManagerTooManyReactors(uint256 max);
    /// @notice The emission hook is neither zero nor a contract.
    error CycleManagerBadEmissionHook(address hook);
    /// @notice The allocator is neither zero nor a contract.
    error CycleManagerBadAllocator(address allocator);
    /// @notice A keeper call signed for `deadline` was mined at `nowSeconds`.
    error CycleManagerDeadlinePassed(uint256 deadline, uint256 nowSeconds);
    /// @notice `asset` already has a Reactor, `reactor`: one Reactor per asset.
    error CycleManagerAssetTaken(address asset, address reactor);
    /// @notice A step for `reactor` ran out of the gas the call gave it: send more gas.
    error CycleManagerOutOfGas(address reactor);

    /// @notice Anyone started the rollover that closes `cycle`.
    event RolloverStarted(uint32 indexed cycle, address indexed caller);
    /// @notice Reactors with list index in [`fromIndex`, `toIndex`) were settled for `cycle`.
    event ReactorsProcessed(uint32 indexed cycle, uint256 fromIndex, uint256 toIndex);
    /// @notice The rollover closing `closedCycle` completed; the next cycle started at `nextStart`.
    event RolloverCompleted(uint32 indexed closedCycle, uint256 nextStart, uint256 nextDuration);
    /// @notice Governance registered `reactor`.
    event ReactorAdded(address indexed reactor);
    /// @notice Governance removed `reactor`.
    event ReactorRemoved(address indexed reactor);
    /// @notice Governance set the duration of the cycles after the current one.
    event DurationSet(uint256 duration);
    /// @notice Governance set the emission hook (zero: no emissions).
    event EmissionHookSet(address indexed hook);
    /// @notice Governance set the liquidity allocator (zero: no venue moves).
    event AllocatorSet(address indexed allocator);
    /// @notice The allocator's step for `reactor` reverted; the Reactor was settled without it.
    event AllocationFailed(address indexed reactor, bytes reason);
    /// @notice `reactor`'s settlement in the rollover closing `cycle` reverted with `reason`:
    ///         the other Reactors and the rollover went on; its LP reward was handed back to the
    ///         emission hook and the Reactor settles the missed cycle at the next rollover.
    event ReactorSettlementFailed(address indexed reactor, uint32 indexed cycle, bytes reason);
    /// @notice The emission hook reverted for `reactor` in the rollover closing `cycle`: the
    ///         Reactor settled without an LP reward (or the hook could not take one back).
    event EmissionHookFailed(address indexed reactor, uint32 indexed cycle, bytes reason);
    /// @notice `reactor` now has `behind` settlements to catch up (0: caught up).
    event ReactorLagged(address indexed reactor, uint32 indexed cycle, uint256 behind);

    /// @notice The clock's state (one storage read).
    function state() external view returns (State memory);

    /// @notice When the current cycle ends (unix seconds): the earliest time its rollover may start.
    function cycleEnd() external view returns (uint256);

    /// @notice The registered Reactors, in settlement order.
    function reactors() external view returns (address[] memory);

    /// @notice Whether `reactor` is registered.
    function isReactor(address reactor) external view returns (bool);

    /// @notice How many settlements `reactor` missed (its settlement reverted) and has still to
    ///         catch up; it settles up to MAX_CATCH_UP_CYCLES of them per rollover, before the
    ///         current one, so its matured requests are reserved at the next rollover.
    /// @param reactor Any address (0 if not registered).
    function cyclesBehind(address reactor) external view returns (uint256);

    /// @notice The Reactor registered for `asset`, or zero (one Reactor per asset).
    /// @param asset An ERC-20.
    function reactorOfAsset(address asset) external view returns (address);

    /// @notice The contract told about each Reactor's LP reward during a rollover (zero: none).
    function emissionHook() external view returns (address);

    /// @notice The liquidity allocator run for each Reactor during a rollover (zero: none).
    function allocator() external view returns (address);

    /// @notice Starts the rollover that closes the current cycle. Anyone may call it once the
    ///         cycle has ended; reverts while a rollover is in progress.
    function startRollover() external;

    /// @notice Settles up to `maxReactors` more Reactors for the rollover in progress: asks the
    ///         emission hook for each Reactor's LP reward, then settles the Reactor's books
    ///         (activates the cycle's deposits, matures redemption requests, reserves idle assets).
    ///         Anyone may call it.
    ///         Before a Reactor settles, the allocator (if set) moves its venue liquidity to the
    ///         vote targets with governance's slippage allowance; if that step reverts, the
    ///         Reactor settles without it (event), so the rollover never blocks on a venue.
    ///         Every step is isolated per Reactor: a reverting emission hook gives a zero reward
    ///         (event), a reverting settlement is recorded (event), its reward handed back to the
    ///         hook and the missed cycle settled first at the next rollover. The cursor always
    ///         moves on, so `completeRollover` is always reachable. A step that runs out of gas
    ///         reverts the whole call instead (so no caller can provoke a failure by gas).
    /// @return processed How many Reactors this call settled.
    function processReactors(uint256 maxReactors) external returns (uint256 processed);

    /// @notice `processReactors` for the keeper, with a tighter slippage allowance (bps, at most
    ///         the allocator's maximum; 0: the maximum) and a deadline for every venue move.
    ///         Reverts once `deadline` has passed. The keeper cannot name Reactors or venues.
    function processReactorsWithBounds(
        uint256 maxReactors,
        uint256 slippageBps,
        uint256 deadline
    ) external returns (uint256 processed);

    /// @notice Completes the rollover once every Reactor was settled: the next cycle starts at
    ///         the previous start plus the previous duration. Anyone may call it.
    function completeRollover() external;

    /// @notice Registers `reactor` (governance, outside a rollover). The Reactor joins the
    ///         current cycle and opens for deposits; it must hold no tAssets yet, and its asset
    ///         must have no Reactor yet (adapters hold one LP balance per pool).
    function addReactor(address reactor) external;

    /// @notice Removes `reactor` (governance, outside a rollover), once its holders have exited
    ///         (zero supply) or its wind-down is complete (`windDownComplete()`: governance closed
    ///         it, nothing is deployed or escrowed for a later maturity and every matured exit is
    ///         covered; what the remaining holders own stays redeemable at once). So dust cannot
    ///         block a removal. The Reactor is paused.
    function removeReactor(address reactor) external;

    /// @notice Sets the duration of every cycle after the current one (governance, outside a
    ///         rollover), in seconds, within [MIN_CYCLE_SECONDS, MAX_CYCLE_SECONDS].
    function setDuration(uint32 duration) external;

    /// @notice Sets the emission hook (governance, outside a rollover): zero or a contract.
    function setEmissionHook(address hook) external;

    /// @notice Sets the liquidity allocator (governance, outside a rollover): zero or a contract.
    function setAllocator(address allocator) external;
}
