// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ILDStaking} from "../interfaces/ILDStaking.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {IVenueRegistry} from "../interfaces/IVenueRegistry.sol";
import {IStakeVotes} from "../interfaces/IStakeVotes.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {EmissionMathLib} from "../libraries/EmissionMathLib.sol";
import {VoteTallyLib} from "../libraries/VoteTallyLib.sol";
import {LDStakingBooks} from "./LDStakingBooks.sol";

/// @title LDStaking
/// @notice TOKE stake on Reactors, venue votes and vote delegation (see ILDStaking).
/// @dev The operations; the books and their views are LDStakingBooks'.
contract LDStaking is LDStakingBooks {
    using CycleLedgerLib for CycleLedgerLib.Ledger;
    using CycleLedgerLib for CycleLedgerLib.Index;
    using VoteTallyLib for VoteTallyLib.Weight;
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Wires the contract to the dependencies below (checked by LDStakingBooks).
    /// @param roles_   The protocol's role registry.
    /// @param toke_    The TOKE token.
    /// @param manager_ The cycle manager whose Reactors can be staked on.
    /// @param venues_  The venue registry votes are checked against.
    constructor(
        IAccessControl roles_,
        IERC20 toke_,
        ICycleManager manager_,
        IVenueRegistry venues_
    ) LDStakingBooks(roles_, toke_, manager_, venues_) {}

    modifier onlyController() {
        if (msg.sender != controller) revert LDStakingOnlyController(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ staking

    /// @inheritdoc ILDStaking
    function stake(address reactor, uint256 amount, address account) external {
        if (amount == 0 || account == address(0)) revert LDStakingZero();
        Book storage b = _books[reactor];
        CycleLedgerLib.Index memory idx = b.ledger.index;
        if (idx.rate == 0) revert LDStakingNotListed(reactor);
        if (idx.paused) revert LDStakingPaused(reactor);
        // A Reactor the manager does not list is not settled: stake there would be stuck.
        if (!_manager.isReactor(reactor)) revert LDStakingBadReactor(reactor);
        // Units are TOKE one to one until a slash lowers the rate; rounded down for the stakers.
        uint256 units = idx.toUnits(amount);
        if (units == 0) revert LDStakingZero();
        b.ledger.credit(account, units);
        _addWeight(b, account, 0, units, idx.cycle);
        _reportUnits(b, reactor, account);
        emit Staked(reactor, account, msg.sender, amount);
        _toke.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ILDStaking
    function requestUnstake(address reactor, uint256 amount) external {
        if (amount == 0) revert LDStakingZero();
        Book storage b = _books[reactor];
        uint32 cycle = _listedCycle(b, reactor);
        Exit memory e = b.exits[msg.sender];
        if (e.units != 0 && e.cycle != cycle) revert LDStakingExitPending(msg.sender, e.cycle);
        uint256 fromActive = _debit(b, msg.sender, amount, cycle);
        if (fromActive != 0) b.exitPools[cycle].units += fromActive.toUint128();
        b.exitUnits += amount;
        b.exits[msg.sender] = Exit({
            units: (e.units + amount).toUint112(),
            earning: (e.earning + fromActive).toUint112(),
            cycle: cycle
        });
        emit UnstakeRequested(reactor, msg.sender, amount, cycle);
    }

    /// @inheritdoc ILDStaking
    function withdraw(address reactor, address receiver) external returns (uint256 amount) {
        if (receiver == address(0)) revert LDStakingZero();
        Book storage b = _books[reactor];
        Exit memory e = b.exits[msg.sender];
        uint32 cycle = b.ledger.index.cycle;
        if (e.units == 0) revert LDStakingNothingToWithdraw(msg.sender, e.cycle);
        if (e.cycle < cycle) {
            // The request's share of its cycle's reward stays claimable.
            if (e.earning != 0)
                b.ledger.rewards[msg.sender].accrued += _exitReward(b, e).toUint96();
        } else if (_manager.isReactor(reactor)) {
            revert LDStakingNothingToWithdraw(msg.sender, e.cycle);
        } else {
            // A Reactor the manager removed does not settle: the request leaves at once, and
            // out of its cycle's exit pool, which then pays only the requests still in it.
            b.exitPools[e.cycle].units -= e.earning;
        }
        delete b.exits[msg.sender];
        b.exitUnits -= e.units;
        amount = b.ledger.index.toUnderlying(e.units);
        _reportUnits(b, reactor, msg.sender);
        emit Withdrawn(reactor, msg.sender, receiver, amount);
        _toke.safeTransfer(receiver, amount);
    }

    /// @inheritdoc ILDStaking
    function transferStake(address reactor, address to, uint256 amount) external {
        if (amount == 0 || to == address(0)) revert LDStakingZero();
        Book storage b = _books[reactor];
        uint32 cycle = _listedCycle(b, reactor);
        _debit(b, msg.sender, amount, cycle);
        b.ledger.credit(to, amount);
        _addWeight(b, to, 0, amount, cycle);
        _reportUnits(b, reactor, msg.sender);
        _reportUnits(b, reactor, to);
        emit StakeTransferred(reactor, msg.sender, to, amount);
    }

    // ------------------------------------------------------------------ votes

    /// @inheritdoc ILDStaking
    function vote(address reactor, bytes32[] calldata venueIds, uint16[] calldata shares) external {
        _vote(msg.sender, reactor, venueIds, shares);
    }

    /// @inheritdoc ILDStaking
    function delegate(address reactor, address delegatee) external {
        _delegate(msg.sender, reactor, delegatee);
    }

    /// @inheritdoc ILDStaking
    function voteFor(
        address voter,
        address reactor,
        bytes32[] calldata venueIds,
        uint16[] calldata shares
    ) external {
        if (msg.sender != relay) revert LDStakingOnlyRelay(msg.sender);
        _vote(voter, reactor, venueIds, shares);
    }

    /// @inheritdoc ILDStaking
    function delegateFor(address delegator, address reactor, address delegatee) external {
        if (msg.sender != relay) revert LDStakingOnlyRelay(msg.sender);
        _delegate(delegator, reactor, delegatee);
    }

    // ------------------------------------------------------------------ controller

    /// @inheritdoc ILDStaking
    function settle(
        address reactor,
        uint256 reward,
        uint256 maxRate
    ) external onlyController returns (uint256 undistributed, uint256 stakeInCycle) {
        Book storage b = _books[reactor];
        CycleLedgerLib.Index memory idx = b.ledger.index;
        if (idx.rate == 0) return (reward, 0);
        ExitPool memory pool = b.exitPools[idx.cycle];
        uint256 units = b.ledger.activeSupply() + pool.units;
        // Emissions weigh the stake's TOKE value: after a slash a unit is worth less than 1 TOKE.
        stakeInCycle = idx.toUnderlying(units);
        // The rate cap: what the stake of the cycle may earn; the rest goes back (carried).
        uint256 booked = EmissionMathLib.capped(reward, stakeInCycle, maxRate);
        (undistributed, reward) = (reward - booked, booked);
        uint256 exitReward;
        if (pool.units != 0) {
            // reward < 2^112 (a round budget) and units < 2^128: the product fits.
            exitReward = (reward * pool.units) / units;
            b.exitPools[idx.cycle].reward = exitReward.toUint128();
            emit ExitRewarded(reactor, idx.cycle, exitReward);
        }
        undistributed += b.ledger.settle(reward - exitReward);
    }

    /// @inheritdoc ILDStaking
    function collectRewards(
        address reactor,
        address holder
    ) external onlyController returns (uint256 amount) {
        Book storage b = _books[reactor];
        amount = b.ledger.collect(holder);
        Exit memory e = b.exits[holder];
        if (e.earning != 0 && e.cycle < b.ledger.index.cycle) {
            amount += _exitReward(b, e);
            b.exits[holder].earning = 0;
        }
    }

    /// @inheritdoc ILDStaking
    function slash(address reactor, uint256 amount, address to) external returns (uint256 slashed) {
        if (msg.sender != slasher) revert LDStakingOnlySlasher(msg.sender);
        if (to == address(0)) revert LDStakingZero();
        Book storage b = _books[reactor];
        CycleLedgerLib.Index memory idx = b.ledger.index;
        uint256 units = uint256(b.ledger.totals.supply) + b.exitUnits;
        if (idx.rate == 0 || amount == 0 || units == 0) return 0;
        slashed = Math.min(amount, idx.toUnderlying(units));
        // The cut per unit is rounded up so that the stakers bear the whole slash; the rate
        // stays above zero, which marks an unlisted ledger.
        uint256 cut = Math.mulDiv(slashed, CycleLedgerLib.RATE_SCALE, units, Math.Rounding.Ceil);
        if (cut >= idx.rate) {
            cut = idx.rate - 1;
            slashed = Math.mulDiv(units, cut, CycleLedgerLib.RATE_SCALE);
        }
        // Cannot truncate: below the previous uint64 rate.
        uint256 rate = idx.rate - cut;
        b.ledger.index.rate = uint64(rate);
        emit StakeSlashed(reactor, to, slashed, rate);
        if (stakeVotes != address(0)) IStakeVotes(stakeVotes).stakeSlashed(reactor, slashed, rate);
        if (slashed != 0) _toke.safeTransfer(to, slashed);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc ILDStaking
    function listReactor(address reactor) external onlyGovernance {
        if (!_manager.isReactor(reactor) || IERC4626(reactor).asset() == address(_toke)) {
            revert LDStakingBadReactor(reactor);
        }
        CycleLedgerLib.Index storage idx = _books[reactor].ledger.index;
        if (idx.rate != 0) revert LDStakingAlreadyListed(reactor);
        // The ledger follows the Reactor's books, so both settle the same cycle in a rollover.
        uint32 cycle = IReactor(reactor).cycle();
        idx.rate = uint64(CycleLedgerLib.RATE_SCALE);
        idx.cycle = cycle;
        emit ReactorListed(reactor, cycle);
    }

    /// @inheritdoc ILDStaking
    function pause(address reactor) external onlyGuardian {
        Book storage b = _books[reactor];
        _listedCycle(b, reactor);
        b.ledger.index.paused = true;
        emit StakingPaused(reactor);
    }

    /// @inheritdoc ILDStaking
    function unpause(address reactor) external onlyGovernance {
        Book storage b = _books[reactor];
        _listedCycle(b, reactor);
        b.ledger.index.paused = false;
        emit StakingUnpaused(reactor);
    }

    /// @inheritdoc ILDStaking
    function setController(address controller_) external onlyGovernance {
        if (controller_ == address(0)) revert LDStakingZero();
        if (controller != address(0)) revert LDStakingControllerSet(controller);
        controller = controller_;
        emit ControllerSet(controller_);
    }

    /// @inheritdoc ILDStaking
    function setSlasher(address slasher_) external onlyGovernance {
        if (slasher_ == address(0)) revert LDStakingZero();
        if (slasher != address(0)) revert LDStakingSlasherSet(slasher);
        slasher = slasher_;
        emit SlasherSet(slasher_);
    }

    // ------------------------------------------------------------------ governance weight (DAO)

    /// @inheritdoc ILDStaking
    function setStakeVotes(address stakeVotes_) external onlyGovernance {
        if (stakeVotes_ == address(0)) revert LDStakingZero();
        if (stakeVotes != address(0)) revert LDStakingStakeVotesSet(stakeVotes);
        stakeVotes = stakeVotes_;
        emit StakeVotesSet(stakeVotes_);
    }

    /// @dev Tells the governance-weight source `account`'s units on `reactor` (stake + request).
    function _reportUnits(Book storage b, address reactor, address account) private {
        address v = stakeVotes;
        if (v == address(0)) return;
        uint256 units = b.ledger.positions[account].balance + b.exits[account].units;
        IStakeVotes(v).stakeChanged(reactor, account, units);
    }

    ///      backs. Returns how many of the units were active.
    function _debit(
        Book storage b,
        address account,
        uint256 amount,
        uint32 cycle
    ) private returns (uint256 fromActive) {
        uint256 balance = b.ledger.positions[account].balance;
        if (amount > balance) revert LDStakingExceedsStake(account, amount, balance);
        fromActive = b.ledger.debit(account, amount);
        _removeWeight(b, account, fromActive, amount - fromActive, cycle);
    }

    /// @dev Counts `account`'s new stake (`active` now, `pending` from the next cycle) for whoever
    ///      directs its votes.
    function _addWeight(
        Book storage b,
        address account,
        uint256 active,
        uint256 pending,
        uint32 cycle
    ) private {
        address d = b.delegates[account];
        if (d == address(0)) {
            d = account;
        } else {
            b.delegated[d].credit(active, pending, cycle);
        }
        uint256 shares = b.shares[d];
        if (shares != 0) VoteTallyLib.add(b.tallies, shares, active, pending, cycle);
    }

    /// @dev The reverse of `_addWeight`.
    function _removeWeight(
        Book storage b,
        address account,
        uint256 active,
        uint256 pending,
        uint32 cycle
    ) private {
        address d = b.delegates[account];
        if (d == address(0)) {
            d = account;
        } else {
            b.delegated[d].debit(active, pending, cycle);
        }
        uint256 shares = b.shares[d];
        if (shares != 0) VoteTallyLib.remove(b.tallies, shares, active, pending, cycle);
    }

    function _vote(
        address voter,
        address reactor,
        bytes32[] calldata venueIds,
        uint16[] calldata shares
    ) private {
        Book storage b = _books[reactor];
        uint256 packed = _venues.packVote(reactor, venueIds, shares);
        uint256 old = b.shares[voter];
        if (old != packed) {
            uint32 cycle = b.ledger.index.cycle;
            (uint256 active, uint256 pending) = _power(b, voter, cycle);
            if ((active | pending) != 0)
                VoteTallyLib.revote(b.tallies, old, packed, active, pending, cycle);
            b.shares[voter] = packed;
        }
        emit VoteCast(reactor, voter, packed);
    }

    function _delegate(address delegator, address reactor, address delegatee) private {
        Book storage b = _books[reactor];
        address next = delegatee == delegator ? address(0) : delegatee;
        address previous = b.delegates[delegator];
        if (previous == next) return;
        uint32 cycle = b.ledger.index.cycle;
        CycleLedgerLib.Position memory p = b.ledger.positions[delegator];
        uint256 pending = p.pendingCycle == cycle ? p.pending : 0;
        uint256 active = p.balance - pending;
        if (p.balance != 0) _removeWeight(b, delegator, active, pending, cycle);
        b.delegates[delegator] = next;
        if (p.balance != 0) _addWeight(b, delegator, active, pending, cycle);
        emit DelegateChanged(
            reactor,
            delegator,
            previous == address(0) ? delegator : previous,
            next == address(0) ? delegator : next
        );
    }
}
