// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ILDStaking} from "../interfaces/ILDStaking.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IVenueRegistry} from "../interfaces/IVenueRegistry.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {VOTE_SLOTS, VoteTallyLib} from "../libraries/VoteTallyLib.sol";
import {LDVoteRelay} from "./LDVoteRelay.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title LDStakingBooks
/// @notice The books of LD staking (see ILDStaking) and every view of them; LDStaking adds the
///         operations that change them.
/// @dev Per Reactor, one `Book`: the stake ledger, the unstake requests, the venue tallies and
///      the voters (the venues themselves live in the IVenueRegistry). Stake units are TOKE wei
///      one to one until the loss waterfall slashes the stake (which lowers the ledger's rate,
///      TOKE per unit); a listed ledger is marked by a non-zero rate, which saves a storage read
///      on every stake.
abstract contract LDStakingBooks is ILDStaking, RoleGated {
    using CycleLedgerLib for CycleLedgerLib.Ledger;
    using CycleLedgerLib for CycleLedgerLib.Index;

    // ------------------------------------------------------------------ storage

    /// @notice Requests of one cycle: `units` active stake requested, `reward` booked to them.
    struct ExitPool {
        uint128 units;
        uint128 reward;
    }

    struct Book {
        CycleLedgerLib.Ledger ledger;
        VoteTallyLib.Tally[VOTE_SLOTS] tallies;
        mapping(address account => uint256 shares) shares;
        mapping(address account => address delegatee) delegates;
        mapping(address delegatee => VoteTallyLib.Weight) delegated;
        mapping(address account => Exit) exits;
        mapping(uint256 cycle => ExitPool) exitPools;
        // Units of unstake requests not withdrawn yet: they stay exposed to a slash.
        uint256 exitUnits;
    }

    IERC20 internal immutable _toke;
    ICycleManager internal immutable _manager;
    IVenueRegistry internal immutable _venues;

    /// @inheritdoc ILDStaking
    address public immutable relay;

    /// @inheritdoc ILDStaking
    address public controller;

    /// @inheritdoc ILDStaking
    address public slasher;

    /// @inheritdoc ILDStaking
    address public stakeVotes;

    mapping(address reactor => Book) internal _books;

    // ------------------------------------------------------------------ constructor

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param roles_   The protocol's role registry.
    /// @param toke_    The TOKE token.
    /// @param manager_ The cycle manager whose Reactors can be staked on.
    /// @param venues_  The venue registry votes are checked against.
    constructor(
        IAccessControl roles_,
        IERC20 toke_,
        ICycleManager manager_,
        IVenueRegistry venues_
    ) RoleGated(roles_) {
        if (
            address(toke_) == address(0) ||
            address(manager_) == address(0) ||
            address(venues_) == address(0)
        ) {
            revert LDStakingZero();
        }
        _toke = toke_;
        _manager = manager_;
        _venues = venues_;
        // The relay is created here so that it is bound to this contract for good.
        relay = address(new LDVoteRelay(this));
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ILDStaking
    function toke() external view returns (address) {
        return address(_toke);
    }

    /// @inheritdoc ILDStaking
    function manager() external view returns (address) {
        return address(_manager);
    }

    /// @inheritdoc ILDStaking
    function venueRegistry() external view returns (address) {
        return address(_venues);
    }

    /// @inheritdoc ILDStaking
    function isListed(address reactor) external view returns (bool) {
        return _books[reactor].ledger.index.rate != 0 && _manager.isReactor(reactor);
    }

    /// @inheritdoc ILDStaking
    function ledgerCycle(address reactor) external view returns (uint32) {
        return _books[reactor].ledger.index.cycle;
    }

    /// @inheritdoc ILDStaking
    function totalStake(address reactor) external view returns (uint256 total, uint256 active) {
        CycleLedgerLib.Ledger storage ledger = _books[reactor].ledger;
        return (ledger.totals.supply, ledger.activeSupply());
    }

    /// @inheritdoc ILDStaking
    function stakeOf(
        address reactor,
        address account
    ) external view returns (uint256 total, uint256 active) {
        CycleLedgerLib.Ledger storage ledger = _books[reactor].ledger;
        return (ledger.positions[account].balance, ledger.activeBalanceOf(account));
    }

    /// @inheritdoc ILDStaking
    function exitOf(address reactor, address account) external view returns (Exit memory) {
        return _books[reactor].exits[account];
    }

    /// @inheritdoc ILDStaking
    function earned(address reactor, address account) external view returns (uint256 amount) {
        Book storage b = _books[reactor];
        amount = b.ledger.earned(account);
        Exit memory e = b.exits[account];
        if (e.earning != 0 && e.cycle < b.ledger.index.cycle) amount += _exitReward(b, e);
    }

    /// @inheritdoc ILDStaking
    function delegateOf(address reactor, address account) external view returns (address) {
        address d = _books[reactor].delegates[account];
        return d == address(0) ? account : d;
    }

    /// @inheritdoc ILDStaking
    function votingPower(
        address reactor,
        address account
    ) external view returns (uint256 active, uint256 next) {
        Book storage b = _books[reactor];
        uint256 pending;
        (active, pending) = _power(b, account, b.ledger.index.cycle);
        next = active + pending;
    }

    /// @inheritdoc ILDStaking
    function sharesOf(address reactor, address account) external view returns (uint256) {
        return _books[reactor].shares[account];
    }

    /// @inheritdoc ILDStaking
    function tallies(
        address reactor
    ) external view returns (uint256[VOTE_SLOTS] memory active, uint256[VOTE_SLOTS] memory next) {
        Book storage b = _books[reactor];
        uint32 cycle = b.ledger.index.cycle;
        for (uint256 slot; slot < VOTE_SLOTS; ++slot) {
            VoteTallyLib.Tally memory t = b.tallies[slot];
            active[slot] = VoteTallyLib.activeOf(t, cycle);
            next[slot] = uint256(t.active) + t.pending;
        }
    }

    /// @inheritdoc ILDStaking
    function venueWeights(
        address reactor
    ) external view returns (bytes32[] memory ids, uint256[] memory weights) {
        uint256[] memory slots;
        (ids, slots) = _venues.allowedVenues(reactor);
        Book storage b = _books[reactor];
        uint32 cycle = b.ledger.index.cycle;
        weights = new uint256[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            weights[i] = VoteTallyLib.activeOf(b.tallies[slots[i]], cycle);
        }
    }

    // ------------------------------------------------------------------ internal

    /// @dev The ledger's cycle; reverts if `reactor` is not listed.
    function _listedCycle(Book storage b, address reactor) internal view returns (uint32) {
        CycleLedgerLib.Index memory idx = b.ledger.index;
        if (idx.rate == 0) revert LDStakingNotListed(reactor);
        return idx.cycle;
    }

    /// @dev Takes `amount` from `account`'s stake (pending units first) and out of the votes it

    /// @dev Stake whose votes `account` directs: delegated to it, plus its own unless delegated.
    function _power(
        Book storage b,
        address account,
        uint32 cycle
    ) internal view returns (uint256 active, uint256 pending) {
        (active, pending) = VoteTallyLib.split(b.delegated[account], cycle);
        if (b.delegates[account] == address(0)) {
            CycleLedgerLib.Position memory p = b.ledger.positions[account];
            uint256 own = p.pendingCycle == cycle ? p.pending : 0;
            active += p.balance - own;
            pending += own;
        }
    }

    /// @dev The reward booked to a settled request: its share of its cycle's exit pool.
    function _exitReward(Book storage b, Exit memory e) internal view returns (uint256) {
        ExitPool memory pool = b.exitPools[e.cycle];
        // reward < 2^128 and earning < 2^112: the product fits.
        return (uint256(pool.reward) * e.earning) / pool.units;
    }
}
