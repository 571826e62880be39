// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ICoreElection} from "../interfaces/ICoreElection.sol";
import {IStakeWeightSource} from "../interfaces/IStakeWeightSource.sol";
import {ElectionLib} from "../libraries/ElectionLib.sol";

/// @title CoreElection
/// @notice CoRE: see ICoreElection for weights, bonus, tie-break and roles.
contract CoreElection is ICoreElection, AccessControl {
    /// @notice May cancel an open election.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Weight per TOKE held (and self-delegated) in a wallet.
    uint256 public constant WALLET_MULTIPLIER = 1;
    /// @notice Largest weight per staked token a source may get (69 for LP pools in the original).
    uint256 public constant MAX_MULTIPLIER = 1_000;
    /// @notice Most weight sources (each costs every vote one external call).
    uint256 public constant MAX_SOURCES = 8;
    /// @notice Most candidates in one election (42 in the original).
    uint256 public constant MAX_CANDIDATES = 64;
    /// @notice Shortest voting window, in seconds.
    uint256 public constant MIN_VOTING_SECONDS = 1 hours;
    /// @notice Longest voting window, in seconds.
    uint256 public constant MAX_VOTING_SECONDS = 30 days;
    /// @notice Latest voting may open after the election is created, in seconds.
    uint256 public constant MAX_VOTING_DELAY_SECONDS = 90 days;
    /// @notice A full vote, in basis points.
    uint256 public constant BPS = 10_000;

    IVotes private immutable TOKE;

    WeightSource[] private _sources;
    uint256 private _electionCount;
    uint256 private _lastFinalized;
    mapping(uint256 electionId => Election) private _elections;
    mapping(uint256 electionId => address[]) private _candidates;
    mapping(uint256 electionId => mapping(uint256 index => uint256 votes)) private _tally;
    mapping(uint256 electionId => mapping(address voter => bool)) private _voted;
    mapping(uint256 electionId => address[]) private _winners;
    mapping(uint256 electionId => mapping(address candidate => bool)) private _won;

    /// @notice Deploys CoRE over TOKE's vote checkpoints; governance then registers the sources.
    /// @param toke_      TOKE (ERC20Votes on a timestamp clock).
    /// @param governance Admin (timelock).
    /// @param guardian   May cancel an open election.
    constructor(IVotes toke_, address governance, address guardian) {
        if (address(toke_) == address(0) || governance == address(0) || guardian == address(0)) {
            revert CoreElectionZeroAddress();
        }
        TOKE = toke_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ICoreElection
    function addWeightSource(
        IStakeWeightSource source,
        uint32 multiplier
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireNoOpenElection();
        if (address(source) == address(0)) revert CoreElectionZeroAddress();
        if (multiplier == 0 || multiplier > MAX_MULTIPLIER)
            revert CoreElectionBadMultiplier(multiplier, MAX_MULTIPLIER);
        uint256 count = _sources.length;
        if (count == MAX_SOURCES) revert CoreElectionTooManySources(MAX_SOURCES);
        for (uint256 i; i < count; ++i) {
            if (_sources[i].source == source) revert CoreElectionSourceExists(address(source));
        }
        _sources.push(WeightSource({source: source, multiplier: multiplier}));
        emit WeightSourceAdded(address(source), multiplier);
    }

    /// @inheritdoc ICoreElection
    function removeWeightSource(
        IStakeWeightSource source
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireNoOpenElection();
        uint256 count = _sources.length;
        for (uint256 i; i < count; ++i) {
            if (_sources[i].source == source) {
                _sources[i] = _sources[count - 1];
                _sources.pop();
                emit WeightSourceRemoved(address(source));
                return;
            }
        }
        revert CoreElectionSourceUnknown(address(source));
    }

    /// @inheritdoc ICoreElection
    function createElection(
        address[] calldata candidates,
        uint48 snapshot,
        uint48 votingStart,
        uint48 votingEnd,
        uint8 winnerCount,
        bool loyaltyBonus
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 electionId) {
        _requireNoOpenElection();
        _checkCandidates(candidates, winnerCount);
        _checkSchedule(snapshot, votingStart, votingEnd);
        uint256 bonusFrom;
        if (loyaltyBonus) {
            bonusFrom = _lastFinalized;
            if (bonusFrom == 0) revert CoreElectionNoPreviousElection();
        }

        electionId = ++_electionCount;
        _elections[electionId] = Election({
            snapshot: snapshot,
            votingStart: votingStart,
            votingEnd: votingEnd,
            winnerCount: winnerCount,
            // Election ids count up by one per creation; 2^32 elections will not happen.
            bonusFrom: uint32(bonusFrom),
            status: Status.Open
        });
        _candidates[electionId] = candidates;
        emit ElectionCreated(
            electionId,
            candidates,
            snapshot,
            votingStart,
            votingEnd,
            winnerCount,
            bonusFrom
        );
    }

    /// @inheritdoc ICoreElection
    function cancelElection(uint256 electionId) external override {
        bool byGovernance = hasRole(DEFAULT_ADMIN_ROLE, msg.sender);
        if (!byGovernance) _checkRole(GUARDIAN_ROLE);
        Election storage e = _elections[electionId];
        if (e.status != Status.Open) revert CoreElectionNotOpen(electionId);
        // Once voting has ended the tally is public: a veto then is governance's (timelocked).
        if (!byGovernance && block.timestamp > e.votingEnd)
            revert CoreElectionGuardianTooLate(electionId, e.votingEnd);
        e.status = Status.Cancelled;
        emit ElectionCancelled(electionId, msg.sender);
    }

    // ---------------------------------------------------------------- voting

    /// @inheritdoc ICoreElection
    function vote(
        uint256 electionId,
        uint256[] calldata candidateIndexes,
        uint256[] calldata sharesBps
    ) external override {
        Election memory e = _elections[electionId];
        if (e.status != Status.Open) revert CoreElectionNotOpen(electionId);
        if (block.timestamp < e.votingStart || block.timestamp > e.votingEnd) {
            revert CoreElectionNotVoting(electionId, e.votingStart, e.votingEnd);
        }
        if (_voted[electionId][msg.sender]) revert CoreElectionAlreadyVoted(electionId, msg.sender);
        uint256 n = candidateIndexes.length;
        if (n == 0 || n != sharesBps.length)
            revert CoreElectionVoteLengthMismatch(n, sharesBps.length);

        (uint256 base, uint256 bonus) = _votingWeight(e, msg.sender);
        uint256 weight = base + bonus;
        if (weight == 0) revert CoreElectionNoWeight(msg.sender);
        _voted[electionId][msg.sender] = true;
        _tallyVote(electionId, weight, candidateIndexes, sharesBps);
        emit Voted(electionId, msg.sender, weight, bonus, candidateIndexes, sharesBps);
    }

    /// @inheritdoc ICoreElection
    function finalize(uint256 electionId) external override returns (address[] memory winners) {
        Election storage e = _elections[electionId];
        if (e.status != Status.Open) revert CoreElectionNotOpen(electionId);
        if (block.timestamp <= e.votingEnd) revert CoreElectionNotEnded(electionId, e.votingEnd);
        e.status = Status.Finalized;
        _lastFinalized = electionId;

        address[] storage candidates = _candidates[electionId];
        uint256[] memory ranked = ElectionLib.topN(tallyOf(electionId), e.winnerCount);
        winners = new address[](ranked.length);
        for (uint256 i; i < ranked.length; ++i) {
            address winner = candidates[ranked[i]];
            winners[i] = winner;
            _won[electionId][winner] = true;
        }
        _winners[electionId] = winners;
        emit ElectionFinalized(electionId, winners);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICoreElection
    function toke() external view override returns (IVotes) {
        return TOKE;
    }

    /// @inheritdoc ICoreElection
    function weightSources() external view override returns (WeightSource[] memory) {
        return _sources;
    }

    /// @inheritdoc ICoreElection
    function electionCount() external view override returns (uint256) {
        return _electionCount;
    }

    /// @inheritdoc ICoreElection
    function getElection(uint256 electionId) external view override returns (Election memory) {
        return _elections[electionId];
    }

    /// @inheritdoc ICoreElection
    function candidatesOf(uint256 electionId) external view override returns (address[] memory) {
        return _candidates[electionId];
    }

    /// @inheritdoc ICoreElection
    function tallyOf(uint256 electionId) public view override returns (uint256[] memory tally) {
        uint256 count = _candidates[electionId].length;
        tally = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            tally[i] = _tally[electionId][i];
        }
    }

    /// @inheritdoc ICoreElection
    function winnersOf(uint256 electionId) external view override returns (address[] memory) {
        return _winners[electionId];
    }

    /// @inheritdoc ICoreElection
    function isWinner(uint256 electionId, address candidate) external view override returns (bool) {
        return _won[electionId][candidate];
    }

    /// @inheritdoc ICoreElection
    function hasVoted(uint256 electionId, address voter) external view override returns (bool) {
        return _voted[electionId][voter];
    }

    /// @inheritdoc ICoreElection
    function weightAt(
        address account,
        uint256 timepoint
    ) public view override returns (uint256 weight) {
        weight = TOKE.getPastVotes(account, timepoint) * WALLET_MULTIPLIER;
        uint256 count = _sources.length;
        for (uint256 i; i < count; ++i) {
            WeightSource memory s = _sources[i];
            weight += s.source.getPastStake(account, timepoint) * s.multiplier;
        }
    }

    /// @inheritdoc ICoreElection
    function votingWeight(
        uint256 electionId,
        address account
    ) external view override returns (uint256 base, uint256 bonus) {
        return _votingWeight(_elections[electionId], account);
    }

    // ---------------------------------------------------------------- internal

    function _votingWeight(
        Election memory e,
        address account
    ) private view returns (uint256 base, uint256 bonus) {
        base = weightAt(account, e.snapshot);
        if (e.bonusFrom != 0) {
            bonus = ElectionLib.loyaltyBonus(
                weightAt(account, _elections[e.bonusFrom].snapshot),
                base
            );
        }
    }

    /// @dev Adds each candidate's share of `weight` to its tally, checking indexes and shares.
    function _tallyVote(
        uint256 electionId,
        uint256 weight,
        uint256[] calldata candidateIndexes,
        uint256[] calldata sharesBps
    ) private {
        uint256 candidateCount = _candidates[electionId].length;
        uint256 totalBps;
        for (uint256 i; i < candidateIndexes.length; ++i) {
            uint256 index = candidateIndexes[i];
            if (index >= candidateCount || (i != 0 && index <= candidateIndexes[i - 1])) {
                revert CoreElectionBadCandidateIndex(index);
            }
            uint256 share = sharesBps[i];
            totalBps += share;
            if (share == 0 || totalBps > BPS) revert CoreElectionBadShares(totalBps);
            // Rounded down: a candidate never receives more than the voter's share of weight.
            _tally[electionId][index] += Math.mulDiv(weight, share, BPS);
        }
    }

    function _checkCandidates(address[] calldata candidates, uint8 winnerCount) private pure {
        uint256 count = candidates.length;
        if (count < 2 || count > MAX_CANDIDATES || winnerCount == 0 || winnerCount > count) {
            revert CoreElectionBadCandidates(count, winnerCount);
        }
        // O(count^2) with count <= MAX_CANDIDATES (64): at most 2,016 comparisons, once per election.
        for (uint256 i; i < count; ++i) {
            address candidate = candidates[i];
            if (candidate == address(0)) revert CoreElectionBadCandidate(candidate);
            for (uint256 j; j < i; ++j) {
                if (candidates[j] == candidate) revert CoreElectionBadCandidate(candidate);
            }
        }
    }

    function _checkSchedule(uint48 snapshot, uint48 votingStart, uint48 votingEnd) private view {
        if (
            snapshot < block.timestamp ||
            votingStart <= snapshot ||
            votingStart > block.timestamp + MAX_VOTING_DELAY_SECONDS ||
            votingEnd < votingStart + MIN_VOTING_SECONDS ||
            votingEnd > votingStart + MAX_VOTING_SECONDS
        ) revert CoreElectionBadSchedule(snapshot, votingStart, votingEnd);
    }

    function _requireNoOpenElection() private view {
        uint256 latest = _electionCount;
        if (latest != 0 && _elections[latest].status == Status.Open)
            revert CoreElectionInProgress(latest);
    }
}
