// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IFeeDistributor} from "../interfaces/IFeeDistributor.sol";
import {IStakeListener} from "../interfaces/IStakeVotes.sol";
import {RoleGated} from "../core/RoleGated.sol";

/// @title FeeDistributor
/// @notice Protocol fees to TOKE stakers with O(1) claims (see IFeeDistributor).
/// @dev Three levels of accumulators: reward per TOKE of value (global, `_perValue`, scaled by
///      ACC_SCALE), reward per unit of a Reactor (`perUnit`, the global one times the unit value
///      over the time the value held) and each holder's paid checkpoint. Amounts of the stream
///      are kept in wad (reward wei x 1e18) so the per-second rate loses nothing to rounding.
contract FeeDistributor is IFeeDistributor, RoleGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Scale of a unit's TOKE value (LD staking's rate), and of wad amounts.
    uint256 public constant WAD = 1e18;
    /// @notice Scale of the accumulators.
    uint256 public constant ACC_SCALE = 1e36;
    /// @notice Shortest distribution period, seconds.
    uint256 public constant MIN_PERIOD_SECONDS = 1 days;
    /// @notice Longest distribution period, seconds.
    uint256 public constant MAX_PERIOD_SECONDS = 30 days;

    /// @dev `known`, `rate` and `units` share one slot (a stake change reads it once).
    struct ReactorBook {
        bool known;
        uint64 rate;
        uint184 units;
        uint256 perUnit;
        uint256 perValueSeen;
    }

    /// @dev `units` and `accrued` share one slot.
    struct Holder {
        uint128 units;
        uint128 accrued;
        uint256 paid;
    }

    IERC20 private immutable _reward;
    address private immutable _source;

    /// @inheritdoc IFeeDistributor
    uint32 public distributionSeconds;
    // The stream's end and last update share distributionSeconds' slot (one read per report).
    uint48 private _periodFinish;
    uint48 private _lastUpdate;
    /// @inheritdoc IFeeDistributor
    uint256 public committed;
    /// @inheritdoc IFeeDistributor
    uint256 public totalValue;

    uint256 private _rateWad;
    uint256 private _perValue;
    uint256 private _carryWad;
    address[] private _reactors;
    mapping(address reactor => ReactorBook) private _books;
    mapping(address reactor => mapping(address account => Holder)) private _holders;

    /// @notice Wires the distributor (checked here).
    /// @param roles_  The protocol's role registry.
    /// @param reward_ The token distributed.
    /// @param source_ The stake-votes source, the only reporter of stake.
    /// @param period_ Seconds each distribution streams over.
    constructor(
        IAccessControl roles_,
        IERC20 reward_,
        address source_,
        uint32 period_
    ) RoleGated(roles_) {
        if (address(reward_) == address(0) || source_ == address(0)) revert FeeDistributorZero();
        _reward = reward_;
        _source = source_;
        _setPeriod(period_);
    }

    modifier onlySource() {
        if (msg.sender != _source) revert FeeDistributorOnlySource(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ stake reports

    /// @inheritdoc IStakeListener
    /// @dev The old units are this contract's own record, not the reported ones, so a record
    ///      that started late stays consistent.
    function unitsChanged(
        address reactor,
        address account,
        uint256,
        uint256 newUnits,
        uint256 rate
    ) external onlySource {
        _updateGlobal();
        ReactorBook storage b = _books[reactor];
        if (!b.known) {
            b.known = true;
            b.rate = rate.toUint64();
            b.perValueSeen = _perValue;
            _reactors.push(reactor);
        }
        _syncReactor(b);
        Holder storage h = _holders[reactor][account];
        _settle(b, h);
        uint256 before = _valueOf(b.units, b.rate);
        b.units = (b.units - h.units + newUnits).toUint184();
        h.units = newUnits.toUint128();
        totalValue = totalValue - before + _valueOf(b.units, b.rate);
    }

    /// @inheritdoc IStakeListener
    function rateChanged(address reactor, uint256 rate) external onlySource {
        ReactorBook storage b = _books[reactor];
        if (!b.known) return;
        _updateGlobal();
        _syncReactor(b);
        uint256 before = _valueOf(b.units, b.rate);
        b.rate = rate.toUint64();
        totalValue = totalValue - before + _valueOf(b.units, rate);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IFeeDistributor
    function distribute(uint256 amount) external onlyGovernance {
        if (amount == 0) revert FeeDistributorZero();
        uint256 available = _reward.balanceOf(address(this)) - committed;
        if (amount > available) revert FeeDistributorUnfunded(amount, available);
        _updateGlobal();
        committed += amount;
        uint256 period = distributionSeconds;
        uint256 totalWad = amount * WAD + _carryWad;
        uint256 finish = _periodFinish;
        if (block.timestamp < finish) totalWad += _rateWad * (finish - block.timestamp);
        uint256 rateWad = totalWad / period;
        // What the per-second rate cannot carry waits for the next distribution.
        _carryWad = totalWad - rateWad * period;
        _rateWad = rateWad;
        finish = block.timestamp + period;
        _lastUpdate = uint48(block.timestamp);
        _periodFinish = uint48(finish);
        emit Distributed(amount, period, rateWad, finish);
    }

    /// @inheritdoc IFeeDistributor
    function setDistributionSeconds(uint32 period) external onlyGovernance {
        _setPeriod(period);
    }

    // ------------------------------------------------------------------ holders

    /// @inheritdoc IFeeDistributor
    function claim(address receiver) external nonReentrant returns (uint256 amount) {
        if (receiver == address(0)) revert FeeDistributorZero();
        _updateGlobal();
        uint256 n = _reactors.length;
        for (uint256 i; i < n; ++i) {
            ReactorBook storage b = _books[_reactors[i]];
            Holder storage h = _holders[_reactors[i]][msg.sender];
            _syncReactor(b);
            _settle(b, h);
            amount += h.accrued;
            h.accrued = 0;
        }
        if (amount == 0) return 0;
        committed -= amount;
        emit Claimed(msg.sender, receiver, amount);
        _reward.safeTransfer(receiver, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IFeeDistributor
    function periodFinish() external view returns (uint256) {
        return _periodFinish;
    }

    /// @inheritdoc IFeeDistributor
    function rewardToken() external view returns (address) {
        return address(_reward);
    }

    /// @inheritdoc IFeeDistributor
    function source() external view returns (address) {
        return _source;
    }

    /// @inheritdoc IFeeDistributor
    function claimable(address account) external view returns (uint256 amount) {
        (uint256 perValue, ) = _pendingGlobal();
        uint256 n = _reactors.length;
        for (uint256 i; i < n; ++i) {
            ReactorBook storage b = _books[_reactors[i]];
            Holder storage h = _holders[_reactors[i]][account];
            uint256 perUnit = b.perUnit + Math.mulDiv(perValue - b.perValueSeen, b.rate, WAD);
            amount += h.accrued + Math.mulDiv(h.units, perUnit - h.paid, ACC_SCALE);
        }
    }

    // ------------------------------------------------------------------ internal

    /// @dev Streams the elapsed time into the reward-per-value accumulator (or the carry).
    function _updateGlobal() private {
        (uint256 perValue, uint256 carried) = _pendingGlobal();
        _perValue = perValue;
        if (carried != 0) _carryWad += carried;
        uint256 end = Math.min(block.timestamp, _periodFinish);
        if (end > _lastUpdate) _lastUpdate = uint48(end);
    }

    function _pendingGlobal() private view returns (uint256 perValue, uint256 carriedWad) {
        perValue = _perValue;
        uint256 end = Math.min(block.timestamp, _periodFinish);
        if (end <= _lastUpdate) return (perValue, 0);
        uint256 streamedWad = _rateWad * (end - _lastUpdate);
        uint256 value = totalValue;
        // Nobody staked: the stream waits for the next distribution instead of being lost.
        if (value == 0) return (perValue, streamedWad);
        // Rounded down (the value is rounded up): holders never get more than was streamed.
        perValue += Math.mulDiv(streamedWad, ACC_SCALE / WAD, value);
    }

    /// @dev Folds the reward per value since the last sync into the Reactor's per-unit one.
    function _syncReactor(ReactorBook storage b) private {
        uint256 perValue = _perValue;
        uint256 seen = b.perValueSeen;
        if (seen == perValue) return;
        b.perUnit += Math.mulDiv(perValue - seen, b.rate, WAD);
        b.perValueSeen = perValue;
    }

    function _settle(ReactorBook storage b, Holder storage h) private {
        uint256 perUnit = b.perUnit;
        uint256 paid = h.paid;
        if (paid == perUnit) return;
        h.accrued = (h.accrued + Math.mulDiv(h.units, perUnit - paid, ACC_SCALE)).toUint128();
        h.paid = perUnit;
    }

    /// @dev TOKE value of `units` at `rate`, rounded up so the sum over Reactors never
    ///      understates what the per-unit accumulators pay out.
    function _valueOf(uint256 units, uint256 rate) private pure returns (uint256) {
        return Math.mulDiv(units, rate, WAD, Math.Rounding.Ceil);
    }

    function _setPeriod(uint32 period) private {
        if (period < MIN_PERIOD_SECONDS || period > MAX_PERIOD_SECONDS) {
            revert FeeDistributorBadPeriod(period, MIN_PERIOD_SECONDS, MAX_PERIOD_SECONDS);
        }
        distributionSeconds = period;
        emit PeriodSet(period);
    }
}
