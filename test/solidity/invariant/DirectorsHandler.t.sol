// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Reactor} from "../../../contracts/core/Reactor.sol";
import {ILDStaking} from "../../../contracts/interfaces/ILDStaking.sol";
import {CycleLedgerLib} from "../../../contracts/libraries/CycleLedgerLib.sol";
import {DirectorsFixture} from "../utils/DirectorsFixture.sol";
import {TestBase} from "../utils/Vm.sol";

address constant ACTOR_0 = address(0xA11CE);
address constant ACTOR_1 = address(0xB0B);
address constant ACTOR_2 = address(0xCA401);
address constant ACTOR_3 = address(0xDA7E);
uint256 constant ACTOR_TOKE = 1_000_000e18;
/// @dev Where slashed TOKE goes (stands in for the Treasury covering a venue loss).
address constant SLASH_SINK = address(0x51A54);

/// @dev Cheatcodes the directors suite needs beyond utils/Vm.sol: the slash event's rate is read
///      from the logs, and the everyone-exits check runs on a snapshot it then throws away.
interface VmStateAndLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function snapshotState() external returns (uint256 id);
    function revertToState(uint256 id) external returns (bool reverted);
}

/// @notice Drives LPs and LDs at random: deposits, tAsset transfers, redemptions, stake, unstake
///         requests, withdrawals, stake transfers, votes (valid and invalid), delegations,
///         rollovers, claims, slashes (uneven cuts), collect-twice-then-withdraw, and an
///         everyone-exits check on a snapshot; it keeps the ghost values the invariants compare
///         against.
/// @dev Inherited by the invariant test, which targets itself: run on its own file, the runner
///      did not recognise a separate handler contract here ("No contracts to fuzz"), while the
///      test contract is always known. The deployer (the test) is governance.
abstract contract DirectorsHandler is TestBase, DirectorsFixture {
    uint256 internal constant ACTORS = 4;
    uint256 internal constant MAX_AMOUNT = 50_000e18;
    uint256 internal constant BPS = 10_000;

    address[ACTORS] private _actors = [ACTOR_0, ACTOR_1, ACTOR_2, ACTOR_3];

    /// @notice TOKE claimed by all actors.
    uint256 internal ghostClaimed;
    /// @notice Largest total the reward accumulators may have lost to rounding so far.
    uint256 internal ghostDustBound;
    /// @notice Violations seen inside actions (each must stay zero).
    uint256 internal freshStakerEarned;
    uint256 internal lateStakerEarned;
    uint256 internal claimableDecreased;
    uint256 internal overVotesAccepted;
    uint256 internal disallowedVotesAccepted;
    uint256 internal rollovers;
    /// @notice Ghost values of the slashing and exit actions (one slot group, one place).
    struct ExitGhosts {
        /// An unstake request's reward paid a second time (collect, collect, withdraw, collect).
        uint256 paidTwice;
        /// Withdrawals that reverted in the everyone-exits check (last holder stuck).
        uint256 stuck;
        /// Everyone-exits checks that left more TOKE in LD staking than rounding explains.
        uint256 stranded;
        /// Everyone-exits checks that ran to the end (so the property is not vacuous).
        uint256 checks;
        /// TOKE sent out by slashes, and slashes that took anything.
        uint256 slashed;
        uint256 slashes;
        /// Largest TOKE the stakers may have lost to rounding beyond the slashed amounts: a cut
        /// is rounded up per unit (< units / 1e18 + 1 wei), a stake's units down (< 2 wei).
        uint256 stakeDust;
    }
    ExitGhosts internal exits;
    /// @notice TOKE per unit (RATE_SCALE = 1:1) per Reactor, as the last StakeSlashed event said.
    mapping(address reactor => uint256) internal ghostRate;

    VmStateAndLogs private constant VM_EXTRA = VmStateAndLogs(address(vm));

    mapping(address actor => uint256) private _lastClaimable;

    /// @dev Deploys everything, the actors (ACTOR_0..3) holding ACTOR_TOKE each.
    function _setUpHandler() internal {
        address[] memory holders = new address[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) holders[i] = _actors[i];
        _deployDirectors(holders, ACTOR_TOKE);
        for (uint256 i; i < ACTORS; ++i) {
            vm.startPrank(_actors[i]);
            toke.approve(address(staking), type(uint256).max);
            toke.approve(address(rT), type(uint256).max);
            assetA.approve(address(rA), type(uint256).max);
            assetB.approve(address(rB), type(uint256).max);
            vm.stopPrank();
        }
        // The test is the slasher (the allocator is, in the system): slashes are handler actions.
        staking.setSlasher(address(this));
        ghostRate[address(rA)] = CycleLedgerLib.RATE_SCALE;
        ghostRate[address(rB)] = CycleLedgerLib.RATE_SCALE;
    }

    /// @dev After every action no actor's claimable went down, except by claiming it.
    modifier watchClaimables() {
        _;
        for (uint256 i; i < ACTORS; ++i) {
            uint256 now_ = claimableOf(_actors[i]);
            if (now_ < _lastClaimable[_actors[i]]) ++claimableDecreased;
            _lastClaimable[_actors[i]] = now_;
        }
    }

    // ------------------------------------------------------------------ LD actions

    function stake(
        uint256 actorSeed,
        uint256 reactorSeed,
        uint256 amount
    ) external watchClaimables {
        address a = _actor(actorSeed);
        Reactor r = stakeable(reactorSeed);
        amount = bound(amount, 1, MAX_AMOUNT);
        (uint256 total, ) = staking.stakeOf(address(r), a);
        bool fresh =
            total == 0 &&
                staking.earned(address(r), a) == 0 &&
                staking.exitOf(address(r), a).units == 0;
        vm.prank(a);
        staking.stake(address(r), amount, a);
        exits.stakeDust += 2;
        if (fresh && staking.earned(address(r), a) != 0) ++freshStakerEarned;
    }

    function requestUnstake(
        uint256 actorSeed,
        uint256 reactorSeed,
        uint256 amount
    ) external watchClaimables {
        address a = _actor(actorSeed);
        Reactor r = stakeable(reactorSeed);
        (uint256 total, ) = staking.stakeOf(address(r), a);
        amount = bound(amount, 1, total);
        vm.prank(a);
        staking.requestUnstake(address(r), amount);
    }

    function withdraw(uint256 actorSeed, uint256 reactorSeed) external watchClaimables {
        address a = _actor(actorSeed);
        vm.prank(a);
        staking.withdraw(address(stakeable(reactorSeed)), a);
    }

    function transferStake(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 reactorSeed,
        uint256 amount
    ) external watchClaimables {
        address from = _actor(fromSeed);
        Reactor r = stakeable(reactorSeed);
        (uint256 total, ) = staking.stakeOf(address(r), from);
        amount = bound(amount, 1, total);
        vm.prank(from);
        staking.transferStake(address(r), _actor(toSeed), amount);
    }

    /// @dev A valid vote: up to 3 venues, shares summing to at most 10,000.
    function vote(
        uint256 actorSeed,
        uint256 reactorSeed,
        uint256 sharesSeed,
        uint256 count
    ) external watchClaimables {
        count = bound(count, 0, 3);
        bytes32[] memory ids = new bytes32[](count);
        uint16[] memory shares = new uint16[](count);
        uint256 left = BPS;
        for (uint256 i; i < count; ++i) {
            ids[i] = venueIds[(sharesSeed + i) % 3];
            uint256 s = bound(
                uint256(keccak256(abi.encode(sharesSeed, i))),
                1,
                left - (count - 1 - i)
            );
            shares[i] = uint16(s);
            left -= s;
        }
        vm.prank(_actor(actorSeed));
        staking.vote(address(stakeable(reactorSeed)), ids, shares);
    }

    /// @dev An over-vote (shares past 10,000) must be refused.
    function overVote(uint256 actorSeed, uint256 reactorSeed, uint256 extra) external {
        bytes32[] memory ids = new bytes32[](2);
        uint16[] memory shares = new uint16[](2);
        ids[0] = venueIds[0];
        ids[1] = venueIds[1];
        shares[0] = 6_000;
        shares[1] = uint16(bound(extra, 4_001, 10_000));
        vm.prank(_actor(actorSeed));
        try staking.vote(address(stakeable(reactorSeed)), ids, shares) {
            ++overVotesAccepted;
        } catch {}
    }

    /// @dev A vote for a venue not allowed on the Reactor must be refused.
    function voteDisallowed(uint256 actorSeed, uint256 reactorSeed, bytes32 venue) external {
        if (venue == venueIds[0] || venue == venueIds[1] || venue == venueIds[2])
            venue = bytes32("curve");
        bytes32[] memory ids = new bytes32[](1);
        uint16[] memory shares = new uint16[](1);
        ids[0] = venue;
        shares[0] = 1_000;
        vm.prank(_actor(actorSeed));
        try staking.vote(address(stakeable(reactorSeed)), ids, shares) {
            ++disallowedVotesAccepted;
        } catch {}
    }

    function delegate(
        uint256 actorSeed,
        uint256 reactorSeed,
        uint256 toSeed
    ) external watchClaimables {
        vm.prank(_actor(actorSeed));
        staking.delegate(address(stakeable(reactorSeed)), _actor(toSeed));
    }

    // ------------------------------------------------------------------ LP actions

    function deposit(
        uint256 actorSeed,
        uint256 reactorSeed,
        uint256 amount
    ) external watchClaimables {
        address a = _actor(actorSeed);
        uint256 which = reactorSeed % 3;
        if (which == 0) {
            amount = bound(amount, 1, MAX_AMOUNT);
            assetA.mint(a, amount);
            vm.prank(a);
            rA.deposit(amount, a);
        } else if (which == 1) {
            amount = bound(amount, 1, 1e12);
            assetB.mint(a, amount);
            vm.prank(a);
            rB.deposit(amount, a);
        } else {
            amount = bound(amount, 1, MAX_AMOUNT);
            vm.prank(a);
            rT.deposit(amount, a);
        }
    }

    function transferTAsset(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 reactorSeed,
        uint256 amount
    ) external watchClaimables {
        address from = _actor(fromSeed);
        Reactor r = _reactor(reactorSeed);
        amount = bound(amount, 1, r.balanceOf(from));
        vm.prank(from);
        r.transfer(_actor(toSeed), amount);
    }

    function requestRedeem(
        uint256 actorSeed,
        uint256 reactorSeed,
        uint256 amount
    ) external watchClaimables {
        address a = _actor(actorSeed);
        Reactor r = _reactor(reactorSeed);
        amount = bound(amount, 1, r.balanceOf(a));
        vm.prank(a);
        r.requestRedeem(amount, a, a);
    }

    function redeem(uint256 actorSeed, uint256 reactorSeed) external watchClaimables {
        address a = _actor(actorSeed);
        Reactor r = _reactor(reactorSeed);
        uint256 shares = r.claimableRedeemRequest(0, a);
        vm.prank(a);
        r.redeem(shares, a, a);
    }

    // ------------------------------------------------------------------ rollover and claims

    function rollover() external watchClaimables {
        vm.warp(manager.cycleEnd());
        feed.setPrice(address(assetA), PRICE_A);
        feed.setPrice(address(assetB), PRICE_B);
        // Rounding bound: each settle over A units loses < A / 1e18 + 1 wei (LP, LD and exits).
        Reactor[3] memory rs = [rA, rB, rT];
        for (uint256 i; i < 3; ++i) ghostDustBound += rs[i].activeSupply() / 1e18 + 1;
        for (uint256 i; i < 2; ++i) {
            (, uint256 active) = staking.totalStake(address(rs[i]));
            ghostDustBound += active / 1e18 + 1 + ACTORS;
        }
        // Late stakers: stake with nothing active and no earning request in the closing cycle.
        uint256[2][ACTORS] memory before;
        bool[2][ACTORS] memory late;
        for (uint256 i; i < ACTORS; ++i) {
            for (uint256 j; j < 2; ++j) {
                address r = address(rs[j]);
                (uint256 total, uint256 active) = staking.stakeOf(r, _actors[i]);
                ILDStaking.Exit memory e = staking.exitOf(r, _actors[i]);
                bool earningExit = e.earning != 0 && e.cycle == staking.ledgerCycle(r);
                late[i][j] = total != 0 && active == 0 && !earningExit;
                before[i][j] = staking.earned(r, _actors[i]);
            }
        }
        manager.startRollover();
        manager.processReactors(3);
        manager.completeRollover();
        ++rollovers;
        for (uint256 i; i < ACTORS; ++i) {
            for (uint256 j; j < 2; ++j) {
                if (late[i][j] && staking.earned(address(rs[j]), _actors[i]) != before[i][j])
                    ++lateStakerEarned;
            }
        }
    }

    function claim(uint256 actorSeed) external {
        address a = _actor(actorSeed);
        address[] memory all = allReactors();
        vm.prank(a);
        uint256 amount = controller.claim(all, all, a);
        ghostClaimed += amount;
        // Each collect may lose under a wei per holder to the accumulators' floors.
        ghostDustBound += 5;
        _lastClaimable[a] = claimableOf(a);
    }

    function claimAndStake(uint256 actorSeed, uint256 reactorSeed) external {
        address a = _actor(actorSeed);
        address[] memory all = allReactors();
        vm.prank(a);
        uint256 amount = controller.claimAndStake(all, all, address(stakeable(reactorSeed)));
        ghostClaimed += amount;
        exits.stakeDust += 2;
        ghostDustBound += 5;
        _lastClaimable[a] = claimableOf(a);
    }

    // ------------------------------------------------------------------ slashing and exits

    /// @dev Slashes up to half of a Reactor's stake value by an amount that rarely divides the
    ///      units evenly; the rate comes from the StakeSlashed event, not from the contract's math.
    function slash(uint256 reactorSeed, uint256 amount) external watchClaimables {
        address r = address(stakeable(reactorSeed));
        uint256 value = _stakeValue(r);
        if (value < 2) return;
        amount = bound(amount, 1, value / 2);
        (uint256 units, ) = staking.totalStake(r);
        units += _exitUnits(r);
        VM_EXTRA.recordLogs();
        uint256 slashed = staking.slash(r, amount, SLASH_SINK);
        VmStateAndLogs.Log[] memory logs = VM_EXTRA.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != ILDStaking.StakeSlashed.selector) continue;
            (uint256 amount_, uint256 rate) = abi.decode(logs[i].data, (uint256, uint256));
            assertEq(amount_, slashed, "slash: event amount = returned amount");
            ghostRate[r] = rate;
        }
        exits.slashed += slashed;
        exits.stakeDust += units / CycleLedgerLib.RATE_SCALE + 1;
        if (slashed != 0) ++exits.slashes;
    }

    /// @dev Claims twice while a matured unstake request is open, withdraws it, claims again: the
    ///      request's reward must come with the first claim only.
    function collectTwiceThenWithdraw(uint256 actorSeed, uint256 reactorSeed) external {
        address a = _actor(actorSeed);
        address r = address(stakeable(reactorSeed));
        ILDStaking.Exit memory e = staking.exitOf(r, a);
        if (e.units == 0 || e.cycle >= staking.ledgerCycle(r)) return;
        address[] memory all = allReactors();
        vm.startPrank(a);
        uint256 first = controller.claim(all, all, a);
        uint256 second = controller.claim(all, all, a);
        staking.withdraw(r, a);
        uint256 third = controller.claim(all, all, a);
        vm.stopPrank();
        if (second != 0 || third != 0) ++exits.paidTwice;
        ghostClaimed += first + second + third;
        ghostDustBound += 15;
        _lastClaimable[a] = claimableOf(a);
    }

    /// @dev On a snapshot: every holder asks for all their stake, a rollover passes, everyone
    ///      withdraws. No withdrawal may revert (the last holder included), and what stays in LD
    ///      staking must be rounding dust. The snapshot is then dropped; only the verdict is kept.
    function everyoneExits() external {
        uint256 snapshot = VM_EXTRA.snapshotState();
        (uint256 stuck, bool stranded) = _exitEveryone();
        VM_EXTRA.revertToState(snapshot);
        exits.stuck += stuck;
        if (stranded) ++exits.stranded;
        ++exits.checks;
    }

    function _exitEveryone() private returns (uint256 stuck, bool stranded) {
        for (uint256 i; i < ACTORS; ++i) {
            for (uint256 j; j < 2; ++j) {
                address r = address(stakeable(j));
                ILDStaking.Exit memory e = staking.exitOf(r, _actors[i]);
                vm.startPrank(_actors[i]);
                if (e.units != 0 && e.cycle < staking.ledgerCycle(r)) {
                    try staking.withdraw(r, _actors[i]) {} catch {
                        ++stuck;
                    }
                }
                (uint256 total, ) = staking.stakeOf(r, _actors[i]);
                if (total != 0) {
                    try staking.requestUnstake(r, total) {} catch {
                        ++stuck;
                    }
                }
                vm.stopPrank();
            }
        }
        vm.warp(manager.cycleEnd());
        feed.setPrice(address(assetA), PRICE_A);
        feed.setPrice(address(assetB), PRICE_B);
        manager.startRollover();
        manager.processReactors(3);
        manager.completeRollover();
        for (uint256 i; i < ACTORS; ++i) {
            for (uint256 j; j < 2; ++j) {
                address r = address(stakeable(j));
                if (staking.exitOf(r, _actors[i]).units == 0) continue;
                vm.prank(_actors[i]);
                try staking.withdraw(r, _actors[i]) {} catch {
                    ++stuck;
                }
            }
        }
        // Each withdrawal rounds down (< 1 wei per holder and Reactor) on top of the stake dust.
        stranded = IERC20(address(toke)).balanceOf(address(staking)) > exits.stakeDust + 2 * ACTORS;
    }

    /// @dev TOKE value of every stake and open request on `r`, each rounded down as paid out.
    function _stakeValue(address r) internal view returns (uint256 value) {
        for (uint256 i; i < ACTORS; ++i) {
            (uint256 total, ) = staking.stakeOf(r, _actors[i]);
            value +=
                ((total + staking.exitOf(r, _actors[i]).units) * ghostRate[r]) /
                CycleLedgerLib.RATE_SCALE;
        }
    }

    function _exitUnits(address r) internal view returns (uint256 units) {
        for (uint256 i; i < ACTORS; ++i) units += staking.exitOf(r, _actors[i]).units;
    }

    // ------------------------------------------------------------------ internal

    function stakeable(uint256 i) internal view returns (Reactor) {
        return i % 2 == 0 ? rA : rB;
    }

    function allReactors() internal view returns (address[] memory list) {
        list = new address[](3);
        list[0] = address(rA);
        list[1] = address(rB);
        list[2] = address(rT);
    }

    function claimableOf(address actor) internal view returns (uint256) {
        address[] memory all = allReactors();
        return controller.claimable(actor, all, all);
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % ACTORS];
    }

    function _reactor(uint256 seed) private view returns (Reactor) {
        uint256 which = seed % 3;
        return
            which == 0
                ? rA
                : which == 1
                    ? rB
                    : rT;
    }
}
