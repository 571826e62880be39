// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakeVotes} from "./IStakeVotes.sol";

/// @title ITokeGovernor
/// @notice The DAO's governor: TOKE holders propose and vote; passed proposals are queued in and
///         executed by the protocol's TimelockController. Voting weight at a proposal's snapshot
///         is the TOKE delegated to the voter (ERC20Votes, timestamp clock) plus the TOKE it has
///         staked in LD staking (IStakeVotes): both are checkpoints read in the past, so TOKE
///         borrowed after the snapshot weighs nothing, and staking keeps a voter's weight.
///         Voting delay, voting period, proposal threshold and quorum are governance parameters
///         held within the bounds below.
interface ITokeGovernor {
    /// @notice A voting delay outside [`min`, `max`] seconds.
    error TokeGovernorBadVotingDelay(uint256 delay, uint256 min, uint256 max);
    /// @notice A voting period outside [`min`, `max`] seconds.
    error TokeGovernorBadVotingPeriod(uint256 period, uint256 min, uint256 max);
    /// @notice A proposal threshold above `max` TOKE wei (1% of the supply).
    error TokeGovernorBadProposalThreshold(uint256 threshold, uint256 max);
    /// @notice A quorum outside [`min`, `max`] basis points of the TOKE supply.
    error TokeGovernorBadQuorum(uint256 quorumBps, uint256 min, uint256 max);
    /// @notice The stake-votes source's clock differs from TOKE's.
    error TokeGovernorClockMismatch();

    /// @notice The source of staked TOKE's weight.
    function stakeVotes() external view returns (IStakeVotes);
}
