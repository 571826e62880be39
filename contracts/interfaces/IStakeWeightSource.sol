// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IStakeWeightSource
/// @notice A contract that holds TOKE-denominated stake (or LP stake) and can report, per account,
///         how much was staked at a past timestamp. The CoRE election multiplies what it reports
///         by the multiplier governance registered for the source.
/// @dev Warning: an implementation must count each token for exactly one account, must read
///      checkpoints on the timestamp clock (ERC-6372 `mode=timestamp`) and must never delegate the
///      ERC20Votes weight of the TOKE it holds: otherwise the same token would count twice.
interface IStakeWeightSource {
    /// @notice Stake of `account` at the end of timestamp `timepoint`.
    /// @dev Reverts for a timepoint that is not yet in the past, so no one can move stake after
    ///      the value was read.
    /// @param account   The staker.
    /// @param timepoint A past timestamp, in seconds.
    /// @return The staked amount, in the staking token's smallest unit.
    function getPastStake(address account, uint256 timepoint) external view returns (uint256);
}
