// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IStakeVotes} from "../interfaces/IStakeVotes.sol";
import {ITokeGovernor} from "../interfaces/ITokeGovernor.sol";

/// @title TokeGovernor
/// @notice OpenZeppelin 5 Governor over TOKE and staked TOKE (see ITokeGovernor).
contract TokeGovernor is
    ITokeGovernor,
    Governor,
    GovernorVotes,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    /// @notice Shortest voting delay, seconds (a snapshot at least this far after proposing).
    uint256 public constant MIN_VOTING_DELAY_SECONDS = 1 hours;
    /// @notice Longest voting delay, seconds.
    uint256 public constant MAX_VOTING_DELAY_SECONDS = 14 days;
    /// @notice Shortest voting period, seconds.
    uint256 public constant MIN_VOTING_PERIOD_SECONDS = 1 days;
    /// @notice Longest voting period, seconds.
    uint256 public constant MAX_VOTING_PERIOD_SECONDS = 30 days;
    /// @notice Largest proposal threshold, basis points of the TOKE supply.
    uint256 public constant MAX_PROPOSAL_THRESHOLD_BPS = 100;
    /// @notice Smallest quorum, basis points of the TOKE supply.
    uint256 public constant MIN_QUORUM_BPS = 100;
    /// @notice Largest quorum, basis points of the TOKE supply.
    uint256 public constant MAX_QUORUM_BPS = 3_000;
    /// @notice Basis points in one.
    uint256 public constant BPS = 10_000;

    IStakeVotes private immutable _stakeVotes;

    /// @notice Wires the governor to TOKE, the stake-votes source and the timelock.
    /// @param toke_          TOKE (ERC20Votes on the timestamp clock).
    /// @param stakeVotes_    Staked TOKE's weight (same clock).
    /// @param timelock_      The TimelockController that executes passed proposals.
    /// @param votingDelay_   Seconds from proposing to the snapshot.
    /// @param votingPeriod_  Seconds of voting.
    /// @param threshold_     TOKE wei of weight needed to propose.
    /// @param quorumBps_     Quorum, basis points of the TOKE supply at the snapshot.
    constructor(
        IVotes toke_,
        IStakeVotes stakeVotes_,
        TimelockController timelock_,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 threshold_,
        uint256 quorumBps_
    )
        Governor("TokemakDAO")
        GovernorVotes(toke_)
        GovernorSettings(votingDelay_, votingPeriod_, threshold_)
        GovernorVotesQuorumFraction(quorumBps_)
        GovernorTimelockControl(timelock_)
    {
        if (stakeVotes_.clock() != clock()) revert TokeGovernorClockMismatch();
        _stakeVotes = stakeVotes_;
    }

    /// @inheritdoc ITokeGovernor
    function stakeVotes() external view returns (IStakeVotes) {
        return _stakeVotes;
    }

    /// @inheritdoc GovernorVotesQuorumFraction
    function quorumDenominator() public pure override returns (uint256) {
        return BPS;
    }

    // ------------------------------------------------------------------ bounded parameters

    function _setVotingDelay(uint48 delay) internal override {
        if (delay < MIN_VOTING_DELAY_SECONDS || delay > MAX_VOTING_DELAY_SECONDS) {
            revert TokeGovernorBadVotingDelay(
                delay,
                MIN_VOTING_DELAY_SECONDS,
                MAX_VOTING_DELAY_SECONDS
            );
        }
        super._setVotingDelay(delay);
    }

    function _setVotingPeriod(uint32 period) internal override {
        if (period < MIN_VOTING_PERIOD_SECONDS || period > MAX_VOTING_PERIOD_SECONDS) {
            revert TokeGovernorBadVotingPeriod(
                period,
                MIN_VOTING_PERIOD_SECONDS,
                MAX_VOTING_PERIOD_SECONDS
            );
        }
        super._setVotingPeriod(period);
    }

    function _setProposalThreshold(uint256 threshold) internal override {
        // TOKE's supply is fixed at deployment, so the bound is too. (GovernorVotes precedes
        // GovernorSettings in the bases, so the token is set when the constructor gets here.)
        uint256 max = (IERC20(address(token())).totalSupply() * MAX_PROPOSAL_THRESHOLD_BPS) / BPS;
        if (threshold > max) revert TokeGovernorBadProposalThreshold(threshold, max);
        super._setProposalThreshold(threshold);
    }

    function _updateQuorumNumerator(uint256 quorumBps) internal override {
        if (quorumBps < MIN_QUORUM_BPS || quorumBps > MAX_QUORUM_BPS) {
            revert TokeGovernorBadQuorum(quorumBps, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        }
        super._updateQuorumNumerator(quorumBps);
    }

    // ------------------------------------------------------------------ weight

    /// @dev Delegated TOKE plus staked TOKE, both at `timepoint` (a past snapshot).
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory params
    ) internal view override(Governor, GovernorVotes) returns (uint256) {
        return
            super._getVotes(account, timepoint, params) +
            _stakeVotes.getPastVotes(account, timepoint);
    }

    // ------------------------------------------------------------------ resolution of the bases

    /// @inheritdoc GovernorSettings
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc GovernorSettings
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc GovernorSettings
    function proposalThreshold()
        public
        view
        override(Governor, GovernorSettings)
        returns (uint256)
    {
        return super.proposalThreshold();
    }

    /// @inheritdoc GovernorVotesQuorumFraction
    function quorum(
        uint256 timepoint
    ) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    /// @inheritdoc GovernorTimelockControl
    function state(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorTimelockControl
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor()
        internal
        view
        override(Governor, GovernorTimelockControl)
        returns (address)
    {
        return super._executor();
    }
}
