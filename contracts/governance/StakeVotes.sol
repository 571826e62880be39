// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IStakeListener, IStakeVotes} from "../interfaces/IStakeVotes.sol";
import {RoleGated} from "../core/RoleGated.sol";

/// @title StakeVotes
/// @notice Checkpointed governance weight of LD stake (see IStakeVotes).
/// @dev Per Reactor the value of a unit is kept as its cumulative drop (1e18 - rate), so an
///      empty history reads as an unslashed Reactor (rate 1e18).
contract StakeVotes is IStakeVotes, RoleGated {
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;

    /// @notice A unit's TOKE value before any slash (LD staking's rate scale).
    uint256 public constant RATE_SCALE = 1e18;
    /// @notice At most this many Reactors are tracked (bounds every weight lookup).
    uint256 public constant MAX_REACTORS = 32;

    /// @dev `known`, `epoch`, `drop` (the latest of `drops`, cached) and `units` share one slot,
    ///      so a stake change reads one slot of the book, not three.
    struct Book {
        bool known;
        uint32 epoch;
        uint64 drop;
        uint152 units;
        Checkpoints.Trace208 drops;
    }

    struct Holding {
        Checkpoints.Trace208 byTime;
        Checkpoints.Trace208 byEpoch;
    }

    /// @inheritdoc IStakeVotes
    address public immutable staking;

    /// @inheritdoc IStakeVotes
    address public listener;

    address[] private _reactors;
    mapping(address reactor => Book) private _books;
    mapping(address reactor => mapping(address account => Holding)) private _holdings;
    Slash[] private _slashes;

    /// @notice Wires the contract to the dependencies below (checked here).
    /// @param roles_   The protocol's role registry.
    /// @param staking_ LD staking, the only reporter.
    constructor(IAccessControl roles_, address staking_) RoleGated(roles_) {
        if (staking_ == address(0)) revert StakeVotesZeroAddress();
        staking = staking_;
    }

    modifier onlyStaking() {
        if (msg.sender != staking) revert StakeVotesOnlyStaking(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ reports

    /// @inheritdoc IStakeVotes
    function stakeChanged(address reactor, address account, uint256 units) external onlyStaking {
        Book storage b = _book(reactor);
        Holding storage h = _holdings[reactor][account];
        uint256 old = h.byTime.latest();
        uint208 packed = units.toUint208();
        h.byTime.push(clock(), packed);
        h.byEpoch.push(b.epoch, packed);
        b.units = (b.units - old + units).toUint152();
        emit StakeCheckpointed(reactor, account, units);
        address to = listener;
        if (to != address(0)) {
            IStakeListener(to).unitsChanged(reactor, account, old, units, _rate(b));
        }
    }

    /// @inheritdoc IStakeVotes
    function stakeSlashed(address reactor, uint256 slashed, uint256 rate) external onlyStaking {
        Book storage b = _book(reactor);
        uint256 slashId = _slashes.length;
        _slashes.push(
            Slash({
                reactor: reactor,
                epoch: b.epoch,
                time: clock(),
                units: b.units,
                slashed: slashed
            })
        );
        ++b.epoch;
        uint64 drop = (RATE_SCALE - rate).toUint64();
        b.drop = drop;
        b.drops.push(clock(), drop);
        emit SlashRecorded(slashId, reactor, slashed, rate);
        address to = listener;
        if (to != address(0)) IStakeListener(to).rateChanged(reactor, rate);
    }

    /// @inheritdoc IStakeVotes
    function setListener(address listener_) external onlyGovernance {
        if (listener_ == address(0)) revert StakeVotesZeroAddress();
        if (listener != address(0)) revert StakeVotesListenerSet(listener);
        listener = listener_;
        emit ListenerSet(listener_);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IStakeVotes
    function reactors() external view returns (address[] memory) {
        return _reactors;
    }

    /// @inheritdoc IStakeVotes
    function clock() public view returns (uint48) {
        return Time.timestamp();
    }

    // ERC-6372 fixes this name.
    // solhint-disable func-name-mixedcase
    /// @notice The clock's mode (ERC-6372): `mode=timestamp`.
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc IStakeVotes
    function getVotes(address account) external view returns (uint256 votes) {
        uint256 n = _reactors.length;
        for (uint256 i; i < n; ++i) {
            address r = _reactors[i];
            uint256 units = _holdings[r][account].byTime.latest();
            if (units != 0) votes += (units * _rate(_books[r])) / RATE_SCALE;
        }
    }

    /// @inheritdoc IStakeVotes
    function getPastVotes(
        address account,
        uint256 timepoint
    ) external view returns (uint256 votes) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert StakeVotesFutureLookup(timepoint, now_);
        uint48 t = uint48(timepoint);
        uint256 n = _reactors.length;
        for (uint256 i; i < n; ++i) {
            address r = _reactors[i];
            uint256 units = _holdings[r][account].byTime.upperLookupRecent(t);
            if (units == 0) continue;
            uint256 rate = RATE_SCALE - _books[r].drops.upperLookupRecent(t);
            // Rounded down: weight never exceeds the TOKE the stake holds.
            votes += (units * rate) / RATE_SCALE;
        }
    }

    /// @inheritdoc IStakeVotes
    function unitsOf(address reactor, address account) external view returns (uint256) {
        return _holdings[reactor][account].byTime.latest();
    }

    /// @inheritdoc IStakeVotes
    function rateOf(address reactor) external view returns (uint256) {
        return _rate(_books[reactor]);
    }

    /// @inheritdoc IStakeVotes
    function slashCount() external view returns (uint256) {
        return _slashes.length;
    }

    /// @inheritdoc IStakeVotes
    function slashAt(uint256 slashId) public view returns (Slash memory) {
        if (slashId >= _slashes.length) revert StakeVotesUnknownSlash(slashId);
        return _slashes[slashId];
    }

    /// @inheritdoc IStakeVotes
    function unitsAtSlash(uint256 slashId, address account) external view returns (uint256) {
        Slash memory s = slashAt(slashId);
        return _holdings[s.reactor][account].byEpoch.upperLookup(s.epoch);
    }

    // ------------------------------------------------------------------ internal

    /// @dev The book of `reactor`, tracked from its first report.
    function _book(address reactor) private returns (Book storage b) {
        b = _books[reactor];
        if (!b.known) {
            if (_reactors.length == MAX_REACTORS) revert StakeVotesTooManyReactors(MAX_REACTORS);
            b.known = true;
            _reactors.push(reactor);
        }
    }

    function _rate(Book storage b) private view returns (uint256) {
        return RATE_SCALE - b.drop;
    }
}
