// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VoteTallyLib, VOTE_SLOTS} from "../../../contracts/libraries/VoteTallyLib.sol";
import {InvariantBase} from "../utils/Vm.sol";
import {
    ACTOR_0,
    ACTOR_1,
    ACTOR_2,
    ACTOR_3,
    ACTOR_TOKE,
    DirectorsHandler
} from "./DirectorsHandler.t.sol";

/// @title LD staking, votes and emissions invariants
/// @notice Spec (ids from notes/security.md), checked after every handler call:
///  5. No free value: the actors' TOKE (held, in LD staking, in the TOKE Reactor) plus what
///     slashes sent out always equals what they started with plus what they claimed; until a
///     slash, LD staking holds exactly the stake and the unwithdrawn requests (units are TOKE).
///  5s. Slashing: after any slash LD staking's TOKE covers every stake and open request at the
///     slashed rate (the rate the StakeSlashed event published), each rounded down as it would be
///     paid, with at most the rounding dust to spare; on a snapshot, every holder can exit (none
///     of the withdrawals reverts, the last one included) and only that dust stays behind.
///  8r. An unstake request's reward is paid exactly once: claiming twice between the request's
///     maturity and its withdrawal, then again after it, pays nothing the second and third time.
///  7. Votes: each venue slot's tally equals the sum, over the accounts directing votes, of their
///     voting power (own stake unless delegated, plus stake delegated to them) times their share,
///     both for the current cycle and the next; the tallies together never exceed the active
///     stake x 10,000; an over-vote or a vote for a disallowed venue is never accepted.
///  8. Rewards: claimed + claimable + undistributed = drawn from the reserve, up to the
///     accumulators' rounding dust (bounded); the controller holds at least what it owes; a
///     fresh staker's claimable is 0; a late staker earns nothing for the cycle it joined late;
///     no claimable ever decreases without a claim.
contract DirectorsInvariantsTest is InvariantBase, DirectorsHandler {
    error NotAnActor(address who);

    function setUp() public {
        _setUpHandler();
        targetContract(address(this));
    }

    /// @dev The slash, collect-twice-then-withdraw and everyone-exits actions do what they say on
    ///      a fixed sequence, so the campaign over them is not vacuous.
    function test_handler_slashesCollectsTwiceAndEveryoneExits() public {
        this.deposit(2, 0, 10_000e18); // LPs on rA, so that its LD side earns
        this.stake(0, 0, 600e18);
        this.stake(1, 0, 400e18);
        this.rollover();
        this.rollover();
        this.requestUnstake(1, 0, 100e18);
        this.slash(0, 123_456_789_012_345_678_901);
        assertEq(exits.slashes, 1, "slashed");
        assertTrue(ghostRate[address(rA)] < 1e18, "rate cut");
        invariant_5s_slashedStakeCovered();
        this.rollover();
        assertTrue(staking.earned(address(rA), ACTOR_1) != 0, "the request earned");
        this.collectTwiceThenWithdraw(1, 0);
        assertEq(staking.exitOf(address(rA), ACTOR_1).units, 0, "request withdrawn");
        assertEq(exits.paidTwice, 0, "request's reward paid once");
        this.everyoneExits();
        assertEq(exits.checks, 1, "exit check ran");
        assertEq(exits.stuck + exits.stranded, 0, "everyone exited, only dust stayed");
        invariant_5_noFreeValue();
        invariant_8_rewards();
    }

    function invariant_5_noFreeValue() public view {
        address[ACTORS] memory actors = _actorList();
        uint256 held;
        uint256 requested;
        for (uint256 i; i < ACTORS; ++i) {
            // tTOKE in a redemption request is escrowed in the Reactor but still the actor's.
            held +=
                IERC20(address(toke)).balanceOf(actors[i]) +
                rT.balanceOf(actors[i]) +
                rT.pendingRedeemRequest(0, actors[i]) +
                rT.claimableRedeemRequest(0, actors[i]);
            for (uint256 j; j < 2; ++j) {
                address r = address(stakeable(j));
                (uint256 total, ) = staking.stakeOf(r, actors[i]);
                held += total;
                requested += staking.exitOf(r, actors[i]).units;
            }
        }
        uint256 inStaking = IERC20(address(toke)).balanceOf(address(staking));
        uint256 wallets = held;
        for (uint256 i; i < ACTORS; ++i) {
            for (uint256 j; j < 2; ++j) {
                (uint256 total, ) = staking.stakeOf(address(stakeable(j)), actors[i]);
                wallets -= total;
            }
        }
        assertEq(
            wallets + inStaking + exits.slashed,
            ACTORS * ACTOR_TOKE + ghostClaimed,
            "5: TOKE in = TOKE out"
        );
        if (exits.slashes != 0) return;
        assertEq(held + requested, ACTORS * ACTOR_TOKE + ghostClaimed, "5: units are TOKE");
        uint256 staked;
        for (uint256 j; j < 2; ++j) {
            (uint256 total, ) = staking.totalStake(address(stakeable(j)));
            staked += total;
        }
        assertEq(inStaking, staked + requested, "5: staking holds stake + requests");
    }

    function invariant_5s_slashedStakeCovered() public view {
        uint256 owed = _stakeValue(address(rA)) + _stakeValue(address(rB));
        uint256 balance = IERC20(address(toke)).balanceOf(address(staking));
        assertGe(balance, owed, "5s: LD staking covers every stake and request at the rate");
        assertLe(
            balance - owed,
            exits.stakeDust + 2 * ACTORS,
            "5s: only rounding dust is left over"
        );
        assertEq(exits.stuck, 0, "5s: the last holder can always withdraw");
        assertEq(exits.stranded, 0, "5s: everyone exited and only dust stayed");
    }

    function invariant_8r_exitRewardPaidOnce() public view {
        assertEq(exits.paidTwice, 0, "8r: an unstake request's reward was paid twice");
    }

    function invariant_7_votes() public view {
        address[ACTORS] memory actors = _actorList();
        for (uint256 j; j < 2; ++j) {
            address r = address(stakeable(j));
            // Voting power from the primary state: each actor's stake goes to its delegate.
            uint256[ACTORS] memory activePower;
            uint256[ACTORS] memory nextPower;
            uint256 activeStake;
            for (uint256 i; i < ACTORS; ++i) {
                (uint256 total, uint256 active) = staking.stakeOf(r, actors[i]);
                uint256 d = _indexOf(actors, staking.delegateOf(r, actors[i]));
                activePower[d] += active;
                nextPower[d] += total;
                activeStake += active;
            }
            (, uint256 activeSupply) = staking.totalStake(r);
            assertEq(activeSupply, activeStake, "7: active stake = sum of holders'");
            uint256[VOTE_SLOTS] memory wantActive;
            uint256[VOTE_SLOTS] memory wantNext;
            for (uint256 i; i < ACTORS; ++i) {
                (uint256 a, uint256 n) = staking.votingPower(r, actors[i]);
                assertEq(a, activePower[i], "7: voting power (active)");
                assertEq(n, nextPower[i], "7: voting power (next)");
                uint256 shares = staking.sharesOf(r, actors[i]);
                assertLe(VoteTallyLib.totalOf(shares), BPS, "7: shares <= 100%");
                for (uint256 s; s < VOTE_SLOTS; ++s) {
                    uint256 bps = VoteTallyLib.shareOf(shares, s);
                    wantActive[s] += activePower[i] * bps;
                    wantNext[s] += nextPower[i] * bps;
                }
            }
            (uint256[VOTE_SLOTS] memory active_, uint256[VOTE_SLOTS] memory next_) = staking
                .tallies(r);
            uint256 sum;
            for (uint256 s; s < VOTE_SLOTS; ++s) {
                assertEq(active_[s], wantActive[s], "7: tally = sum of power x share (active)");
                assertEq(next_[s], wantNext[s], "7: tally = sum of power x share (next)");
                sum += active_[s];
            }
            assertLe(sum, activeStake * BPS, "7: votes never exceed active stake");
        }
        assertEq(overVotesAccepted, 0, "7: over-vote accepted");
        assertEq(disallowedVotesAccepted, 0, "7: disallowed venue accepted");
    }

    function invariant_8_rewards() public view {
        address[ACTORS] memory actors = _actorList();
        uint256 claimable;
        for (uint256 i; i < ACTORS; ++i) claimable += claimableOf(actors[i]);
        uint256 accounted = ghostClaimed + claimable + controller.undistributed();
        uint256 drawn = controller.totalDrawn();
        assertLe(accounted, drawn, "8: claimed + claimable + undistributed <= drawn");
        assertLe(drawn - accounted, ghostDustBound, "8: only rounding dust is unaccounted");
        assertGe(
            IERC20(address(toke)).balanceOf(address(controller)),
            controller.reserve() + controller.undistributed() + claimable,
            "8: the controller holds what it owes"
        );
        assertEq(freshStakerEarned, 0, "8: fresh staker earned");
        assertEq(lateStakerEarned, 0, "8: late staker earned for the cycle it joined late");
        assertEq(claimableDecreased, 0, "8: claimable decreased without a claim");
    }

    function _actorList() private pure returns (address[ACTORS] memory) {
        return [ACTOR_0, ACTOR_1, ACTOR_2, ACTOR_3];
    }

    function _indexOf(address[ACTORS] memory actors, address who) private pure returns (uint256) {
        for (uint256 i; i < ACTORS; ++i) if (actors[i] == who) return i;
        revert NotAnActor(who);
    }
}
