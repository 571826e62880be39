// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VOTE_SLOTS} from "../libraries/VoteTallyLib.sol";

/// @title ILDStaking
/// @notice Liquidity directors (LDs) stake TOKE on a Reactor (the Reactor's TOKE side) and vote
///         where its liquidity goes.
///
///         - Stake counts (earns, votes, weighs in the Reactor's balance) from the cycle after the
///           one it was made in. Per Reactor, stake is a CycleLedgerLib ledger settled once per
///           rollover by the emission controller, so a claim is O(1) however many cycles passed.
///         - Unstaking is a request: the requested stake stops voting at once, still earns its
///           share of the cycle it was requested in (it stays exposed to that cycle), and can be
///           withdrawn once that cycle has been settled.
///         - Each Reactor has up to 8 allowed venues at a time (governance-registered ids in the
///           IVenueRegistry, 16 over its lifetime). An LD's vote splits, in basis points summing to at most 10,000,
///           across them; its weight is its active stake, so votes rescale with stake and never
///           exceed it. Votes carry over between cycles until changed. Per-venue tallies are
///           kept current with work bounded by the venue count per change.
///         - An LD may delegate its voting (not its TOKE) per Reactor to another address: its
///           stake then counts with the delegate's vote. Delegation is not transitive.
///         - Votes and delegations can also be signed (EIP-712, ERC-1271 wallets included) and
///           relayed by anyone through the relay this contract creates (ILDVoteRelay); a
///           signature is bound to a nonce, a deadline, the chain id and that relay.
/// @dev Warning: the stake token must be TOKE (exact transfers, no hooks).
/// @dev Warning: stake follows the cycle manager's list. A Reactor the manager removed stops
///      settling: new stake on it is refused and its requests are withdrawn at once (a request of
///      the unsettled cycle leaves that cycle's exit pool, so nothing is booked to it). Added
///      again, the same book settles again with the normal queue (requests wait for their cycle).
interface ILDStaking {
    /// @notice An unstake request: `units` TOKE withdrawable once `cycle` is settled, of which
    ///         `earning` were active and still earn that cycle's LD reward.
    struct Exit {
        uint112 units;
        uint112 earning;
        uint32 cycle;
    }

    // ------------------------------------------------------------------ errors

    /// @notice A zero amount or address was given.
    error LDStakingZero();
    /// @notice `reactor` is not listed for staking.
    error LDStakingNotListed(address reactor);
    /// @notice `reactor` is already listed.
    error LDStakingAlreadyListed(address reactor);
    /// @notice `reactor` is not registered with the cycle manager, or is a TOKE Reactor.
    error LDStakingBadReactor(address reactor);
    /// @notice Staking on `reactor` is paused.
    error LDStakingPaused(address reactor);
    /// @notice `account` asked for `amount` but has only `balance` staked.
    error LDStakingExceedsStake(address account, uint256 amount, uint256 balance);
    /// @notice `account` has a request of cycle `cycle` that can be withdrawn: withdraw it first.
    error LDStakingExitPending(address account, uint32 cycle);
    /// @notice `account` has no request, or one of cycle `cycle` that is not settled yet.
    error LDStakingNothingToWithdraw(address account, uint32 cycle);
    /// @notice `caller` is not the emission controller.
    error LDStakingOnlyController(address caller);
    /// @notice `caller` is not the slasher (the liquidity allocator).
    error LDStakingOnlySlasher(address caller);
    /// @notice The slasher is already set.
    error LDStakingSlasherSet(address slasher);
    /// @notice The emission controller is already set.
    error LDStakingControllerSet(address controller);
    /// @notice `caller` is not the signature relay.
    error LDStakingOnlyRelay(address caller);
    /// @notice The stake-votes source is already set.
    error LDStakingStakeVotesSet(address stakeVotes);

    // ------------------------------------------------------------------ events

    /// @notice `payer` staked `amount` TOKE for `account` on `reactor`, counting from the next cycle.
    event Staked(
        address indexed reactor,
        address indexed account,
        address indexed payer,
        uint256 amount
    );
    /// @notice `account` asked to unstake `amount` from `reactor` after `cycle`.
    event UnstakeRequested(
        address indexed reactor,
        address indexed account,
        uint256 amount,
        uint32 cycle
    );
    /// @notice `account` withdrew `amount` unstaked TOKE from `reactor` to `receiver`.
    event Withdrawn(
        address indexed reactor,
        address indexed account,
        address indexed receiver,
        uint256 amount
    );
    /// @notice `from` moved `amount` stake on `reactor` to `to` (counting for `to` from the next cycle).
    event StakeTransferred(
        address indexed reactor,
        address indexed from,
        address indexed to,
        uint256 amount
    );
    /// @notice `voter` set its vote on `reactor` (packed shares, 16 bits per venue slot).
    event VoteCast(address indexed reactor, address indexed voter, uint256 shares);
    /// @notice `delegator`'s voting on `reactor` moved from `fromDelegate` to `toDelegate`.
    event DelegateChanged(
        address indexed reactor,
        address indexed delegator,
        address fromDelegate,
        address indexed toDelegate
    );
    /// @notice Settling `cycle` of `reactor` booked `exitReward` of its LD reward to the unstake
    ///         requests made in the cycle (the rest went to the stake still active).
    event ExitRewarded(address indexed reactor, uint32 indexed cycle, uint256 exitReward);
    /// @notice Governance listed `reactor` for staking; its ledger starts at `cycle`.
    event ReactorListed(address indexed reactor, uint32 cycle);
    /// @notice The guardian paused staking on `reactor`.
    event StakingPaused(address indexed reactor);
    /// @notice Governance resumed staking on `reactor`.
    event StakingUnpaused(address indexed reactor);
    /// @notice Governance set the emission controller.
    event ControllerSet(address indexed controller);
    /// @notice The loss waterfall slashed `amount` TOKE of the stake on `reactor` (requests
    ///         included) to `to`; a unit of stake is now worth `rate` / 1e18 TOKE.
    event StakeSlashed(address indexed reactor, address indexed to, uint256 amount, uint256 rate);
    /// @notice Governance set the slasher.
    event SlasherSet(address indexed slasher);
    /// @notice Governance set the stake-votes source (IStakeVotes).
    event StakeVotesSet(address indexed stakeVotes);

    // ------------------------------------------------------------------ staking

    /// @notice Stakes `amount` TOKE taken from the caller for `account` on `reactor`, a listed
    ///         Reactor the cycle manager settles. It counts from the next cycle, with the vote of
    ///         `account`'s delegate.
    function stake(address reactor, uint256 amount, address account) external;

    /// @notice Asks to unstake `amount` from `reactor`: it stops voting now, earns its share of
    ///         the current cycle, and can be withdrawn once the cycle is settled. A request made in
    ///         the same cycle adds to the open one; a settled one must be withdrawn first.
    function requestUnstake(address reactor, uint256 amount) external;

    /// @notice Sends the caller's settled request on `reactor` to `receiver` (at once on a Reactor
    ///         the cycle manager removed). Its reward stays claimable through the emission
    ///         controller; a request withdrawn before its cycle settled earns nothing of it.
    /// @return amount TOKE sent.
    function withdraw(address reactor, address receiver) external returns (uint256 amount);

    /// @notice Moves `amount` of the caller's stake on `reactor` to `to`. Pending units go first;
    ///         `to` earns and votes with them from the next cycle, so the same units never count
    ///         twice in a cycle.
    function transferStake(address reactor, address to, uint256 amount) external;

    // ------------------------------------------------------------------ votes

    /// @notice Sets the caller's vote on `reactor`: `shares[i]` basis points to `venues[i]`,
    ///         each allowed, distinct, non-zero, together at most 10,000 (checked by the venue
    ///         registry, whose errors it reverts with). An empty vote withdraws it.
    function vote(address reactor, bytes32[] calldata venues, uint16[] calldata shares) external;

    /// @notice Makes the caller's stake on `reactor` count with `delegatee`'s vote (the caller
    ///         itself, or zero, to take it back).
    function delegate(address reactor, address delegatee) external;

    /// @notice `vote` for `voter` (the signature relay only, which checked `voter`'s signature).
    function voteFor(
        address voter,
        address reactor,
        bytes32[] calldata venues,
        uint16[] calldata shares
    ) external;

    /// @notice `delegate` for `delegator` (the signature relay only, which checked its signature).
    function delegateFor(address delegator, address reactor, address delegatee) external;

    // ------------------------------------------------------------------ controller

    /// @notice Closes the current cycle of `reactor`'s stake ledger (emission controller only):
    ///         books `reward`, at most `maxRate` per TOKE in the cycle (1e18 = 1 TOKE per TOKE),
    ///         over the stake active in it and the requests made in it, in proportion, and
    ///         activates the cycle's new stake.
    /// @return undistributed The part of `reward` booked to nobody (beyond the cap, or no stake).
    /// @return stakeInCycle  TOKE that was staked (active) in the closing cycle, requests included.
    function settle(
        address reactor,
        uint256 reward,
        uint256 maxRate
    ) external returns (uint256 undistributed, uint256 stakeInCycle);

    /// @notice Zeroes `holder`'s LD rewards on `reactor` and returns them (emission controller
    ///         only), which pays them.
    function collectRewards(address reactor, address holder) external returns (uint256 amount);

    // ------------------------------------------------------------------ governance

    /// @notice Lists `reactor` for staking (governance): registered with the cycle manager and not
    ///         a TOKE Reactor. Its ledger joins the Reactor's current cycle.
    function listReactor(address reactor) external;

    /// @notice Pauses new stake on `reactor` (guardian). Requests, withdrawals, votes and claims
    ///         keep working.
    function pause(address reactor) external;

    /// @notice Resumes staking on `reactor` (governance).
    function unpause(address reactor) external;

    /// @notice Sets the emission controller, once (governance).
    function setController(address controller) external;

    /// @notice Takes up to `amount` TOKE from the stake on `reactor`, pro rata for every staker
    ///         and open unstake request (the stake ledger's rate drops), and sends it to `to`.
    ///         Only the slasher (the liquidity allocator's loss waterfall, step 2).
    /// @return slashed TOKE taken: `amount`, or what the stake holds if less.
    function slash(address reactor, uint256 amount, address to) external returns (uint256 slashed);

    /// @notice Sets the slasher, once (governance).
    function setSlasher(address slasher) external;

    /// @notice Sets, once (governance), the source of staked TOKE's governance weight: every
    ///         change of an account's units (stake, withdrawal, transfer) and every slash is
    ///         reported to it. Set it before anyone stakes.
    function setStakeVotes(address stakeVotes) external;

    /// @notice The source of staked TOKE's governance weight (zero: none).
    function stakeVotes() external view returns (address);

    // ------------------------------------------------------------------ views

    /// @notice The staked token (TOKE).
    function toke() external view returns (address);

    /// @notice The cycle manager whose Reactors can be staked on.
    function manager() external view returns (address);

    /// @notice The emission controller (settles ledgers, collects rewards).
    function controller() external view returns (address);

    /// @notice The contract allowed to slash stake (the liquidity allocator).
    function slasher() external view returns (address);

    /// @notice The signature relay (ILDVoteRelay) created with this contract, the only caller of
    ///         `voteFor` and `delegateFor`.
    function relay() external view returns (address);

    /// @notice The venue registry votes are checked against.
    function venueRegistry() external view returns (address);

    /// @notice Whether `reactor` is listed and the cycle manager settles it.
    function isListed(address reactor) external view returns (bool);

    /// @notice The cycle `reactor`'s stake ledger is in.
    function ledgerCycle(address reactor) external view returns (uint32);

    /// @notice TOKE staked on `reactor` (requests excluded), and the part active this cycle.
    function totalStake(address reactor) external view returns (uint256 total, uint256 active);

    /// @notice `account`'s stake on `reactor` (requests excluded), and the part active this cycle.
    function stakeOf(
        address reactor,
        address account
    ) external view returns (uint256 total, uint256 active);

    /// @notice `account`'s unstake request on `reactor`.
    function exitOf(address reactor, address account) external view returns (Exit memory);

    /// @notice LD rewards of `account` on `reactor` not collected yet (reward token wei).
    function earned(address reactor, address account) external view returns (uint256);

    /// @notice Who directs the votes of `account`'s stake on `reactor` (itself when not delegated).
    function delegateOf(address reactor, address account) external view returns (address);

    /// @notice Stake whose votes `account` directs on `reactor`: active now, and in the next cycle.
    function votingPower(
        address reactor,
        address account
    ) external view returns (uint256 active, uint256 next);

    /// @notice `account`'s vote on `reactor` (packed shares, 16 bits per venue slot).
    function sharesOf(address reactor, address account) external view returns (uint256);

    /// @notice The allowed venues of `reactor` and their tallies active in the current cycle
    ///         (stake units x basis points), as the rollover's liquidity allocator reads them:
    ///         only the allowed slots are read.
    function venueWeights(
        address reactor
    ) external view returns (bytes32[] memory ids, uint256[] memory weights);

    /// @notice The tallies of `reactor`'s 16 venue slots (IVenueRegistry), in stake wei x basis
    ///         points: active in the current cycle (what the rollover reads for the allowed
    ///         venues), and in the next one. Slots of disallowed venues keep their tallies.
    function tallies(
        address reactor
    ) external view returns (uint256[VOTE_SLOTS] memory active, uint256[VOTE_SLOTS] memory next);
}
