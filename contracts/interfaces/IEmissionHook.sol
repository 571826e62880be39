// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IEmissionHook
/// @notice What the cycle manager asks of the emissions contract while it settles a Reactor in a
///         rollover. The hook decides a Reactor's LP reward for the closing cycle; the Reactor only
///         books it (reward per active tAsset unit), and the rewards distributor pays it later.
interface IEmissionHook {
    /// @notice Called once per Reactor per rollover, before the Reactor settles `closingCycle`.
    /// @param reactor      The Reactor being settled.
    /// @param closingCycle The cycle that ends with this rollover.
    /// @return lpReward    Reward (in the reward token's wei) for the Reactor's LPs that were
    ///                     active in `closingCycle`.
    function onReactorRollover(address reactor, uint32 closingCycle) external returns (uint256 lpReward);

    /// @notice Called only when the Reactor had no active units in `closingCycle`, so that
    ///         `amount` of the reward returned by `onReactorRollover` was booked to nobody. The
    ///         hook keeps it (carry forward or return to the reserve): nothing may be lost.
    function onRewardUndistributed(address reactor, uint32 closingCycle, uint256 amount) external;
}
