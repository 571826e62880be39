// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Amounts, prices and timestamps in these events are data, not search keys: indexing them would
// cost gas on every emit for no query anyone makes. Actors and ids are indexed.
// solhint-disable gas-indexed-events

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IStakeWeightSource} from "./IStakeWeightSource.sol";

/// @title ICoreElection
/// @notice CoRE, the Core Reactor Election: governance lists candidate projects (token
///         addresses); TOKE holders split their vote weight across them during a window; the top
///         `winnerCount` candidates win.
/// @dev Vote weight of an account at a timestamp t (all read at the election's snapshot):
///        W(t) = 1 x TOKE votes (Toke.getPastVotes: holders must self-delegate, as with any
///               ERC20Votes token; undelegated TOKE counts for no one)
///             + sum over registered sources of multiplier x source.getPastStake(account, t)
///               (4 for the TOKE staking pool and LD staking, 69 for each TOKE-LP pool).
///      A token sits in one place at t: TOKE staked in a pool or locked in an LP pair belongs to
///      that contract, which never delegates, so it is not in anyone's wallet votes.
///      Loyalty bonus (an election created with `loyaltyBonus`): with P the snapshot of the last
///      finalised election and S this one's, bonus = min(W(P), W(S)), both computed with the
///      sources registered now; the voter's weight is W(S) + bonus. So a holder who kept at least
///      their position doubles it; one who reduced it gets a bonus equal to what is left.
///      Tie-break: among equal vote totals the candidate with the lower index (listed earlier by
///      governance) ranks higher. A candidate with no votes never wins, so fewer than
///      `winnerCount` may win.
/// @dev Elections run one at a time; weight sources change only when no election is open, so
///      every vote of an election uses the same rules. Roles (OpenZeppelin AccessControl):
///      DEFAULT_ADMIN_ROLE = governance (timelock): sources and elections; GUARDIAN_ROLE may
///      cancel an open election (an emergency, e.g. a broken source), never alter a tally.
interface ICoreElection {
    /// @notice A registered weight source and its multiplier (weight per staked token).
    struct WeightSource {
        IStakeWeightSource source;
        uint32 multiplier;
    }

    /// @notice An election's schedule and state.
    /// @param snapshot    Timestamp whose end-of-second balances give the weights.
    /// @param votingStart First second of voting (after the snapshot).
    /// @param votingEnd   Last second of voting.
    /// @param winnerCount How many candidates win (at most).
    /// @param bonusFrom   The election whose snapshot gives the loyalty bonus; 0 = no bonus.
    /// @param status      Open, finalised or cancelled.
    struct Election {
        uint48 snapshot;
        uint48 votingStart;
        uint48 votingEnd;
        uint8 winnerCount;
        uint32 bonusFrom;
        Status status;
    }

    /// @notice Life cycle of an election.
    enum Status {
        None,
        Open,
        Finalized,
        Cancelled
    }

    /// @notice A zero address was given.
    error CoreElectionZeroAddress();
    /// @notice `multiplier` is outside [1, `max`].
    error CoreElectionBadMultiplier(uint256 multiplier, uint256 max);
    /// @notice No more than `max` weight sources.
    error CoreElectionTooManySources(uint256 max);
    /// @notice `source` is already registered.
    error CoreElectionSourceExists(address source);
    /// @notice `source` is not registered.
    error CoreElectionSourceUnknown(address source);
    /// @notice Election `electionId` is still open.
    error CoreElectionInProgress(uint256 electionId);
    /// @notice `count` candidates cannot elect `winners` (need 2 <= count <= max, 1 <= winners <= count).
    error CoreElectionBadCandidates(uint256 count, uint256 winners);
    /// @notice `candidate` is zero or listed twice.
    error CoreElectionBadCandidate(address candidate);
    /// @notice The schedule needs now <= snapshot < votingStart < votingEnd within the bounds.
    error CoreElectionBadSchedule(uint256 snapshot, uint256 votingStart, uint256 votingEnd);
    /// @notice A loyalty bonus was asked for but no election has been finalised.
    error CoreElectionNoPreviousElection();
    /// @notice Election `electionId` does not exist or is not open.
    error CoreElectionNotOpen(uint256 electionId);
    /// @notice Voting for `electionId` runs in [`votingStart`, `votingEnd`].
    error CoreElectionNotVoting(uint256 electionId, uint256 votingStart, uint256 votingEnd);
    /// @notice `voter` already voted in `electionId`.
    error CoreElectionAlreadyVoted(uint256 electionId, address voter);
    /// @notice `voter` had no weight at the snapshot.
    error CoreElectionNoWeight(address voter);
    /// @notice The vote lists `candidates` indexes but `shares` shares.
    error CoreElectionVoteLengthMismatch(uint256 candidates, uint256 shares);
    /// @notice Candidate indexes must be strictly ascending and below the count; `index` is not.
    error CoreElectionBadCandidateIndex(uint256 index);
    /// @notice Each share must be positive and the shares sum to at most 10,000 bps; got `totalBps`.
    error CoreElectionBadShares(uint256 totalBps);
    /// @notice Voting for `electionId` ends at `votingEnd`.
    error CoreElectionNotEnded(uint256 electionId, uint256 votingEnd);
    /// @notice Voting for `electionId` ended at `votingEnd`: only governance may cancel it now.
    error CoreElectionGuardianTooLate(uint256 electionId, uint256 votingEnd);

    /// @notice Governance registered `source` with `multiplier`.
    /// @param source     The stake source.
    /// @param multiplier Weight per staked token.
    event WeightSourceAdded(address indexed source, uint256 multiplier);
    /// @notice Governance removed `source`.
    /// @param source The stake source.
    event WeightSourceRemoved(address indexed source);
    /// @notice Election `electionId` was created.
    /// @param electionId  The new election.
    /// @param candidates  Candidate tokens, in tie-break order.
    /// @param snapshot    Weight timestamp.
    /// @param votingStart First voting second.
    /// @param votingEnd   Last voting second.
    /// @param winnerCount Number of winners.
    /// @param bonusFrom   Election giving the loyalty bonus (0 = none).
    event ElectionCreated(
        uint256 indexed electionId,
        address[] candidates,
        uint256 snapshot,
        uint256 votingStart,
        uint256 votingEnd,
        uint256 winnerCount,
        uint256 bonusFrom
    );
    /// @notice `voter` cast `weight` (of which `bonus` is loyalty bonus) split over candidates.
    /// @param electionId       The election.
    /// @param voter            The voter.
    /// @param weight           Total weight cast (base + bonus).
    /// @param bonus            Loyalty bonus part of it.
    /// @param candidateIndexes Candidates voted for.
    /// @param sharesBps        Share of the weight for each.
    event Voted(
        uint256 indexed electionId,
        address indexed voter,
        uint256 weight,
        uint256 bonus,
        uint256[] candidateIndexes,
        uint256[] sharesBps
    );
    /// @notice Election `electionId` was finalised with `winners` (best first).
    /// @param electionId The election.
    /// @param winners    Winning candidates, best first.
    event ElectionFinalized(uint256 indexed electionId, address[] winners);
    /// @notice Election `electionId` was cancelled by `by`.
    /// @param electionId The election.
    /// @param by         Governance or the guardian.
    event ElectionCancelled(uint256 indexed electionId, address indexed by);

    /// @notice TOKE (its ERC20Votes checkpoints give wallet weight).
    function toke() external view returns (IVotes);

    /// @notice Registers a weight source (e.g. a staking pool) with `multiplier`.
    /// @dev Only governance, only while no election is open; multiplier in [1, MAX_MULTIPLIER].
    /// @param source     Contract reporting past stake per account.
    /// @param multiplier Weight per staked token.
    function addWeightSource(IStakeWeightSource source, uint32 multiplier) external;

    /// @notice Removes a weight source. Only governance, only while no election is open.
    /// @param source A registered source.
    function removeWeightSource(IStakeWeightSource source) external;

    /// @notice Opens an election.
    /// @dev Only governance; the previous election must be finalised or cancelled.
    /// @param candidates   Candidate token addresses; their order is the tie-break (lower first).
    /// @param snapshot     Weight timestamp, now <= snapshot < votingStart.
    /// @param votingStart  First voting second.
    /// @param votingEnd    Last voting second.
    /// @param winnerCount  Number of winners.
    /// @param loyaltyBonus Whether the last finalised election's snapshot gives a bonus.
    /// @return electionId  The new election's id (ids start at 1).
    function createElection(
        address[] calldata candidates,
        uint48 snapshot,
        uint48 votingStart,
        uint48 votingEnd,
        uint8 winnerCount,
        bool loyaltyBonus
    ) external returns (uint256 electionId);

    /// @notice Cancels an open election: the guardian until `votingEnd` (it can stop an election,
    ///         not veto a tally it has read), governance (the timelock) until it is finalised.
    /// @param electionId An open election.
    function cancelElection(uint256 electionId) external;

    /// @notice Casts the caller's weight, once, split over candidates in basis points.
    /// @param electionId       The election.
    /// @param candidateIndexes Strictly ascending candidate indexes.
    /// @param sharesBps        Share of the weight for each, positive, summing to <= 10,000.
    function vote(
        uint256 electionId,
        uint256[] calldata candidateIndexes,
        uint256[] calldata sharesBps
    ) external;

    /// @notice Closes an election after its window and records the winners. Anyone may call.
    /// @return winners Winning candidates, best first.
    /// @param electionId An open election whose window has ended.
    function finalize(uint256 electionId) external returns (address[] memory winners);

    /// @notice Registered weight sources.
    function weightSources() external view returns (WeightSource[] memory);

    /// @notice Number of elections created.
    function electionCount() external view returns (uint256);

    /// @notice Schedule and state of `electionId`.
    /// @param electionId The election.
    function getElection(uint256 electionId) external view returns (Election memory);

    /// @notice Candidates of `electionId`, in tie-break order.
    /// @param electionId The election.
    function candidatesOf(uint256 electionId) external view returns (address[] memory);

    /// @notice Votes received so far by every candidate of `electionId`, by index.
    /// @param electionId The election.
    function tallyOf(uint256 electionId) external view returns (uint256[] memory);

    /// @notice Winners of a finalised election, best first.
    /// @param electionId The election.
    function winnersOf(uint256 electionId) external view returns (address[] memory);

    /// @notice Whether `candidate` won `electionId`.
    /// @param electionId The election.
    /// @param candidate  A candidate token.
    function isWinner(uint256 electionId, address candidate) external view returns (bool);

    /// @notice Whether `voter` voted in `electionId`.
    /// @param electionId The election.
    /// @param voter      Any account.
    function hasVoted(uint256 electionId, address voter) external view returns (bool);

    /// @notice W(t) of `account` with the current sources (t must be in the past).
    /// @param account   Any account.
    /// @param timepoint A past timestamp.
    function weightAt(address account, uint256 timepoint) external view returns (uint256);

    /// @notice `account`'s weight in `electionId`: W(snapshot) and the loyalty bonus.
    /// @param electionId The election.
    /// @param account    Any account.
    /// @return base  W at the election's snapshot.
    /// @return bonus Loyalty bonus (0 without one).
    function votingWeight(
        uint256 electionId,
        address account
    ) external view returns (uint256 base, uint256 bonus);
}
