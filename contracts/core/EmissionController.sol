// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IEmissionController} from "../interfaces/IEmissionController.sol";
import {IEmissionHook} from "../interfaces/IEmissionHook.sol";
import {ILDStaking} from "../interfaces/ILDStaking.sol";
import {IPriceFeed} from "../interfaces/IPriceFeed.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {EmissionMathLib} from "../libraries/EmissionMathLib.sol";
import {EmissionParams} from "./EmissionParams.sol";

/// @title EmissionController
/// @notice The emission hook of the cycle manager, the emission reserve and the rewards
///         distributor of every Reactor (see IEmissionController, docs/emissions.md).
/// @dev Per Reactor and rollover the hook reads one snapshot slot, calls the stake ledger once,
///      reads the Reactor's active assets and one price, and writes one snapshot slot; the round
///      and sum slots are shared by every Reactor of the chunk (warm after the first).
contract EmissionController is EmissionParams {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Round.cycle before the first rollover (no cycle number reaches it).
    uint32 public constant NO_ROUND = type(uint32).max;
    /// @param reserve Unbudgeted TOKE.
    /// @param carry   TOKE booked to nobody, for the next round.
    struct Reserve {
        uint128 reserve;
        uint128 carry;
    }

    ILDStaking private immutable _staking;

    Reserve private _reserve;
    uint256 private _totalDrawn;
    Round private _round;
    /// @dev Sums by cycle parity: the ones paying the current round and the ones gathered for the
    ///      next; a buffer whose tag is stale reads as zero, so nothing is ever cleared.
    Sums[2] private _sums;
    mapping(address reactor => Snapshot) private _snapshots;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param roles_            The protocol's role registry.
    /// @param toke_             The TOKE token.
    /// @param manager_          The cycle manager.
    /// @param staking_          The LD stake ledgers.
    /// @param priceFeed_        Asset-to-TOKE prices.
    /// @param emissionPerCycle_ TOKE drawn per cycle.
    /// @param floorBps_         Balance floor F, basis points.
    constructor(
        IAccessControl roles_,
        IERC20 toke_,
        address manager_,
        ILDStaking staking_,
        IPriceFeed priceFeed_,
        uint256 emissionPerCycle_,
        uint256 floorBps_
    ) EmissionParams(roles_, toke_, manager_, priceFeed_, emissionPerCycle_, floorBps_) {
        if (address(staking_) == address(0)) revert EmissionControllerZero();
        _staking = staking_;
        _round.cycle = NO_ROUND;
        // claimAndStake stakes from this contract's balance.
        toke_.forceApprove(address(staking_), type(uint256).max);
    }

    // ------------------------------------------------------------------ hook

    /// @inheritdoc IEmissionHook
    function onReactorRollover(address reactor, uint32 cycle) external returns (uint256 lpReward) {
        if (msg.sender != _manager) revert EmissionControllerOnlyManager(msg.sender);
        Params memory p = _params;
        bool isPool = reactor == p.poolReactor;
        Snapshot memory s = _loadSnapshot(_snapshots[reactor]);
        uint256 ldReward;
        uint256 maxRate;
        (lpReward, ldReward, maxRate) = _pay(reactor, cycle, isPool, s, p);

        // Fix the weights of the next cycle from the values of this one.
        uint256 assetValue = IReactor(reactor).activeAssets();
        uint256 stakeValue;
        Sums memory next = _sumsOf(cycle + 1);
        if (isPool) {
            if (assetValue > EmissionMathLib.MAX_VALUE) assetValue = EmissionMathLib.MAX_VALUE;
            next.pooled += uint112(assetValue);
            _storeSnapshot(_snapshots[reactor], Snapshot(0, 0, next.cycle, 0, 0));
        } else {
            uint256 ldLeft;
            (ldLeft, stakeValue) = _staking.settle(reactor, ldReward, maxRate);
            if (ldLeft != 0) _carry(reactor, cycle, ldLeft);
            s = _cover(reactor, s, next, p.singularityCycles);
            assetValue = _record(reactor, s, next, assetValue, stakeValue, p.floorBps);
        }
        _storeSums(_sums[next.cycle % 2], next);
        emit ReactorSettled(reactor, cycle, lpReward, ldReward, assetValue, stakeValue);
    }

    /// @inheritdoc IEmissionHook
    function onRewardUndistributed(address reactor, uint32 cycle, uint256 amount) external {
        if (msg.sender != _manager) revert EmissionControllerOnlyManager(msg.sender);
        _carry(reactor, cycle, amount);
    }

    // ------------------------------------------------------------------ claims

    /// @inheritdoc IEmissionController
    function claim(
        address[] calldata lpReactors,
        address[] calldata ldReactors,
        address receiver
    ) external returns (uint256 amount) {
        if (receiver == address(0)) revert EmissionControllerZero();
        amount = _collect(lpReactors, ldReactors, msg.sender);
        if (amount != 0) {
            emit Claimed(msg.sender, receiver, amount);
            _toke.safeTransfer(receiver, amount);
        }
    }

    /// @inheritdoc IEmissionController
    function claimAndStake(
        address[] calldata lpReactors,
        address[] calldata ldReactors,
        address stakeOn
    ) external returns (uint256 amount) {
        amount = _collect(lpReactors, ldReactors, msg.sender);
        if (amount != 0) {
            emit Claimed(msg.sender, address(_staking), amount);
            _staking.stake(stakeOn, amount, msg.sender);
        }
    }

    /// @inheritdoc IEmissionController
    function claimable(
        address account,
        address[] calldata lpReactors,
        address[] calldata ldReactors
    ) external view returns (uint256 amount) {
        for (uint256 i; i < lpReactors.length; ++i) {
            if (_snapshots[lpReactors[i]].cycle != 0)
                amount += IReactor(lpReactors[i]).earnedRewards(account);
        }
        for (uint256 i; i < ldReactors.length; ++i) {
            amount += _staking.earned(ldReactors[i], account);
        }
    }

    // ------------------------------------------------------------------ reserve

    /// @inheritdoc IEmissionController
    function fund(uint256 amount) external {
        if (amount == 0) revert EmissionControllerZero();
        _reserve.reserve += amount.toUint128();
        emit Funded(msg.sender, amount);
        _toke.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IEmissionController
    function withdrawReserve(address to, uint256 amount) external onlyGovernance {
        if (to == address(0) || amount == 0) revert EmissionControllerZero();
        uint256 available = _reserve.reserve;
        if (amount > available) revert EmissionControllerExceedsReserve(amount, available);
        // Cannot underflow: checked just above.
        _reserve.reserve = uint128(available - amount);
        emit ReserveWithdrawn(to, amount);
        _toke.safeTransfer(to, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IEmissionController
    function staking() external view returns (address) {
        return address(_staking);
    }

    /// @inheritdoc IEmissionController
    function singularity() external view returns (bool) {
        Sums memory cur = _sumsOf(ICycleManager(_manager).state().cycle);
        return cur.reactors != 0 && cur.covered == cur.reactors;
    }

    /// @inheritdoc IEmissionController
    function overallCoverage() external view returns (uint256 coverageBps) {
        address[] memory list = ICycleManager(_manager).reactors();
        address pool = _params.poolReactor;
        uint256 covered;
        uint256 total;
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == pool) continue;
            IReactor r = IReactor(list[i]);
            (bool priced, uint256 price) = _priceFeed.tryPrice(IERC4626(list[i]).asset());
            if (!priced || price > EmissionMathLib.MAX_PRICE) continue;
            uint256 supply = r.activeSupply();
            uint256 value = EmissionMathLib.value(r.activeAssets(), price);
            total += value;
            if (supply != 0)
                covered +=
                    (value * EmissionMathLib.coverage(r.activeBalanceOf(r.treasury()), supply)) /
                    EmissionMathLib.BPS;
        }
        return EmissionMathLib.coverage(covered, total);
    }

    /// @inheritdoc IEmissionController
    function reserve() external view returns (uint256) {
        return _reserve.reserve;
    }

    /// @inheritdoc IEmissionController
    function totalDrawn() external view returns (uint256) {
        return _totalDrawn;
    }

    /// @inheritdoc IEmissionController
    function undistributed() external view returns (uint256) {
        Round memory r = _round;
        return uint256(_reserve.carry) + r.budget - r.paid;
    }

    /// @inheritdoc IEmissionController
    function round() external view returns (Round memory) {
        return _round;
    }

    /// @inheritdoc IEmissionController
    function sumsFor(uint32 cycle) external view returns (Sums memory) {
        return _sumsOf(cycle);
    }

    /// @inheritdoc IEmissionController
    function snapshotOf(address reactor) external view returns (Snapshot memory) {
        return _snapshots[reactor];
    }

    // ------------------------------------------------------------------ internal

    /// @dev First hook call of a rollover: what the previous round did not book joins the carry,
    ///      and the carry and this cycle's draw make the budget.
    function _openRound(Round memory previous, uint32 cycle) private returns (Round memory r) {
        Reserve memory res = _reserve;
        uint256 carriedIn = res.carry;
        if (previous.cycle != NO_ROUND) carriedIn += previous.budget - previous.paid;
        uint256 drawn = _emissionPerCycle;
        if (drawn > res.reserve) drawn = res.reserve;
        // Cannot underflow: drawn <= reserve.
        res.reserve = uint128(res.reserve - drawn);
        res.carry = 0;
        _reserve = res;
        _totalDrawn += drawn;
        r = Round({budget: (carriedIn + drawn).toUint112(), paid: 0, cycle: cycle});
        emit RoundOpened(cycle, drawn, carriedIn, r.budget);
    }

    /// @dev Books `cycle`'s rewards of `reactor` from the weights fixed when the cycle started
    ///      (opening the round on the rollover's first call). The LP side's coverage cut goes
    ///      back to the reserve; `maxRate` caps the LD side per staked TOKE (ILDStaking.settle).
    function _pay(
        address reactor,
        uint32 cycle,
        bool isPool,
        Snapshot memory s,
        Params memory p
    ) private returns (uint256 lpReward, uint256 ldReward, uint256 maxRate) {
        Round memory r = _round;
        if (r.cycle != cycle) r = _openRound(r, cycle);
        uint256 cut;
        if (isPool || s.cycle == cycle) {
            Sums memory cur = _sumsOf(cycle);
            uint256 ldTotal = EmissionMathLib.share(r.budget, cur.ldWeight, cur.weight);
            if (isPool) {
                // The TOKE Reactor's LPs are the pooled LDs: their part of every LD side. Weights
                // it may have had before it became the pool are left unpaid (carried).
                lpReward = EmissionMathLib.pooledPart(ldTotal, cur.stake, cur.pooled);
            } else {
                lpReward = EmissionMathLib.share(r.budget, s.lpWeight, cur.weight);
                if (s.coverageBps != 0) {
                    cut = EmissionMathLib.coverageCut(lpReward, s.coverageBps, p.coverageCutBps);
                    lpReward -= cut;
                }
                ldReward = EmissionMathLib.directPart(
                    EmissionMathLib.share(r.budget, s.ldWeight, cur.weight),
                    cur.stake,
                    cur.pooled
                );
                maxRate = EmissionMathLib.maxLdRate(ldTotal, p.rateCapBps, cur.stake, cur.pooled);
            }
        }
        // Cannot exceed the budget (uint112): the shares of a round add up to at most it.
        r.paid += uint112(lpReward + ldReward + cut);
        _storeRound(r);
        if (cut != 0) {
            // Not emitted: back to the unbudgeted reserve. cut < 2^112, within the drawn total.
            _reserve.reserve += uint128(cut);
            _totalDrawn -= cut;
            emit CoverageCutReturned(reactor, cycle, cut);
        }
    }

    /// @dev The Treasury's coverage of `reactor` in the closing cycle (its active tAssets over the
    ///      Reactor's), and the run of fully covered cycles it extends; counts the Reactor in the
    ///      next cycle's singularity sums.
    function _cover(
        address reactor,
        Snapshot memory s,
        Sums memory next,
        uint256 singularityCycles
    ) private view returns (Snapshot memory c) {
        IReactor r = IReactor(reactor);
        uint256 treasuryUnits = r.activeBalanceOf(r.treasury());
        // Most Reactors have no Treasury tAssets: their coverage needs no supply read.
        uint256 bps =
            treasuryUnits == 0 ? 0 : EmissionMathLib.coverage(treasuryUnits, r.activeSupply());
        uint256 run;
        if (bps == EmissionMathLib.BPS) {
            run = s.cycle + 1 == next.cycle ? uint256(s.coveredCycles) + 1 : 1;
            if (run > type(uint16).max) run = type(uint16).max;
        }
        ++next.reactors;
        if (run >= singularityCycles) ++next.covered;
        // Cannot truncate: bps <= BPS, run <= uint16 max.
        c = Snapshot(0, 0, next.cycle, uint16(bps), uint16(run));
    }

    /// @notice Values `reactor`'s active assets in TOKE, stores its weights (and coverage `c`) for
    ///      `next.cycle` and adds them to the sums. A Reactor whose asset has no fresh price gets
    ///      no weight. The assets are a Reactor's uint112 units at a rate of at most 1:1.
    /// @return assetValue The assets' value, TOKE wei (zero without a price).
    function _record(
        address reactor,
        Snapshot memory c,
        Sums memory next,
        uint256 assets,
        uint256 stakeValue,
        uint256 floorBps
    ) private returns (uint256 assetValue) {
        (bool priced, uint256 price) = _priceFeed.tryPrice(IERC4626(reactor).asset());
        // A price beyond the formula's bound (a faulty feed) counts as missing.
        if (priced && price <= EmissionMathLib.MAX_PRICE) {
            assetValue = EmissionMathLib.value(assets, price);
            if (stakeValue > EmissionMathLib.MAX_VALUE) stakeValue = EmissionMathLib.MAX_VALUE;
            (uint256 w, uint256 lpWeight, uint256 ldWeight) = EmissionMathLib.weights(
                assetValue,
                stakeValue,
                floorBps
            );
            // Cannot truncate: values are capped at 2^94, so weights stay below 2^96 and sums
            // of at most 64 Reactors (the manager's limit) below 2^102.
            (c.lpWeight, c.ldWeight) = (uint96(lpWeight), uint96(ldWeight));
            next.weight += uint112(w);
            next.ldWeight += uint112(ldWeight);
            next.stake += uint112(stakeValue);
        } else {
            emit PriceMissing(reactor, next.cycle - 1);
        }
        _storeSnapshot(_snapshots[reactor], c);
    }

    /// @dev The sums gathered to pay `cycle`, zero if its buffer holds another cycle's.
    function _sumsOf(uint32 cycle) private view returns (Sums memory sums) {
        Sums storage slot = _sums[cycle % 2];
        uint256 first;
        uint256 second;
        // One SLOAD per slot (the compiler reads a packed struct member by member).
        assembly ("memory-safe") {
            first := sload(slot.slot)
            second := sload(add(slot.slot, 1))
        }
        if (uint32(first >> 224) != cycle) {
            sums.cycle = cycle;
            return sums;
        }
        sums.weight = uint112(first);
        sums.ldWeight = uint112(first >> 112);
        sums.cycle = cycle;
        sums.stake = uint112(second);
        sums.pooled = uint112(second >> 112);
        sums.reactors = uint16(second >> 224);
        sums.covered = uint16(second >> 240);
    }

    /// @dev A snapshot in one SLOAD (layout as `_storeSnapshot` writes it).
    function _loadSnapshot(Snapshot storage slot) private view returns (Snapshot memory s) {
        uint256 packed;
        assembly ("memory-safe") {
            packed := sload(slot.slot)
        }
        s.lpWeight = uint96(packed);
        s.ldWeight = uint96(packed >> 96);
        s.cycle = uint32(packed >> 192);
        s.coverageBps = uint16(packed >> 224);
        s.coveredCycles = uint16(packed >> 240);
    }

    /// @dev The stores below write a struct in one SSTORE per slot (the compiler writes it member
    ///      by member, re-reading the slot each time); the layouts are Solidity's packing of
    ///      IEmissionController's structs, first member in the low bits.
    function _storeSnapshot(Snapshot storage slot, Snapshot memory s) private {
        uint256 packed =
            uint256(s.lpWeight) |
                (uint256(s.ldWeight) << 96) |
                (uint256(s.cycle) << 192) |
                (uint256(s.coverageBps) << 224) |
                (uint256(s.coveredCycles) << 240);
        assembly ("memory-safe") {
            sstore(slot.slot, packed)
        }
    }

    function _storeRound(Round memory r) private {
        uint256 packed = uint256(r.budget) | (uint256(r.paid) << 112) | (uint256(r.cycle) << 224);
        assembly ("memory-safe") {
            sstore(_round.slot, packed)
        }
    }

    function _storeSums(Sums storage slot, Sums memory s) private {
        uint256 first =
            uint256(s.weight) | (uint256(s.ldWeight) << 112) | (uint256(s.cycle) << 224);
        uint256 second =
            uint256(s.stake) |
                (uint256(s.pooled) << 112) |
                (uint256(s.reactors) << 224) |
                (uint256(s.covered) << 240);
        assembly ("memory-safe") {
            sstore(slot.slot, first)
            sstore(add(slot.slot, 1), second)
        }
    }

    function _carry(address reactor, uint32 cycle, uint256 amount) private {
        // Cannot truncate: amounts come out of a round budget, a uint112.
        _reserve.carry += uint128(amount);
        emit RewardCarried(reactor, cycle, amount);
    }

    /// @dev Collects `account`'s LP and LD rewards. Only Reactors the manager settled have a
    ///      snapshot, so a forged "Reactor" cannot make up LP rewards; LD rewards come from the
    ///      stake ledgers, which only the hook credits.
    function _collect(
        address[] calldata lpReactors,
        address[] calldata ldReactors,
        address account
    ) private returns (uint256 amount) {
        for (uint256 i; i < lpReactors.length; ++i) {
            address reactor = lpReactors[i];
            if (_snapshots[reactor].cycle == 0) revert EmissionControllerUnknownReactor(reactor);
            amount += IReactor(reactor).collectRewards(account);
        }
        for (uint256 i; i < ldReactors.length; ++i) {
            amount += _staking.collectRewards(ldReactors[i], account);
        }
    }
}
