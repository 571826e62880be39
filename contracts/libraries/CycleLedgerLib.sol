// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title CycleLedgerLib
/// @notice Per-cycle unit accounting shared by everything that holds balances which "start
///         counting from the next cycle": tAssets in a Reactor (LP side) and TOKE stake (LD side).
///
///         A holder's units are `balance`; of these, `pending` were added during `pendingCycle`
///         and only become active (earning, voting, deployable) when that cycle has been rolled
///         over. Activation is lazy: nothing is written per holder at rollover, a holder is synced
///         the next time it is touched. Rewards use one accumulator per ledger (reward per active
///         unit, scaled by ACC_SCALE) bumped once per cycle, so a claim costs O(1) whatever the
///         number of cycles since the last one.
///
///         The accumulator value at the end of a cycle is stored only when units were pending in
///         that cycle (only they need it), which keeps the rollover cheap.
/// @dev Balances are uint112 (5.2e33): far above any real token supply in 18 decimals; SafeCast
///      reverts beyond it so nothing wraps.
library CycleLedgerLib {
    using SafeCast for uint256;

    /// @notice Fixed-point scale of the reward-per-unit accumulator.
    uint256 internal constant ACC_SCALE = 1e18;
    /// @notice Fixed-point scale of `rate` (underlying per unit): 1e18 means 1:1.
    uint256 internal constant RATE_SCALE = 1e18;

    /// @notice The ledger's hot slot, read by every operation.
    /// @param rewardPerUnit Reward accumulated per active unit since the ledger was created.
    /// @param cycle         The cycle this ledger is in (advanced when the ledger is settled).
    /// @param rate          Underlying per unit, RATE_SCALE = 1:1; only a loss write-down lowers it.
    /// @param paused        Owner-defined pause flag (deposits / stakes), kept here to save a read.
    struct Index {
        uint152 rewardPerUnit;
        uint32 cycle;
        uint64 rate;
        bool paused;
    }

    /// @notice Ledger-wide totals: `supply` units of which `pending` were added in `pendingCycle`.
    struct Totals {
        uint112 supply;
        uint112 pending;
        uint32 pendingCycle;
    }

    /// @notice One holder's units.
    struct Position {
        uint112 balance;
        uint112 pending;
        uint32 pendingCycle;
    }

    /// @notice One holder's reward checkpoint.
    struct Rewards {
        uint160 snapshot;
        uint96 accrued;
    }

    struct Ledger {
        Index index;
        Totals totals;
        mapping(uint256 cycle => uint256 rewardPerUnit) rewardPerUnitAtEnd;
        mapping(address holder => Position) positions;
        mapping(address holder => Rewards) rewards;
    }

    /// @notice Units that are active in the ledger's current cycle.
    function activeSupply(Ledger storage self) internal view returns (uint256) {
        return
            _active(
                self.totals.supply,
                self.totals.pending,
                self.totals.pendingCycle,
                self.index.cycle
            );
    }

    /// @notice Units of `holder` active in the ledger's current cycle.
    function activeBalanceOf(Ledger storage self, address holder) internal view returns (uint256) {
        Position memory p = self.positions[holder];
        return _active(p.balance, p.pending, p.pendingCycle, self.index.cycle);
    }

    /// @notice Rewards `holder` has earned and not collected, including everything up to the
    ///         last settled cycle.
    function earned(Ledger storage self, address holder) internal view returns (uint256) {
        (uint256 accrued, ) = _earned(
            self,
            self.positions[holder],
            self.rewards[holder],
            self.index
        );
        return accrued;
    }

    /// @notice Adds `units` to `holder`, pending until the current cycle is settled.
    function credit(Ledger storage self, address holder, uint256 units) internal {
        credit(self, self.index, holder, units);
    }

    /// @notice As `credit`, with the ledger's index already read by the caller (`idx` must be the
    ///         stored index: it saves the caller's hot path a second read).
    function credit(Ledger storage self, Index memory idx, address holder, uint256 units) internal {
        uint112 u = units.toUint112();
        (Position memory p, ) = _sync(self, holder, idx, false);
        p.balance += u;
        p.pending += u;
        p.pendingCycle = idx.cycle;
        _store(self.positions[holder], p);

        Totals memory t = _rollTotals(self.totals, idx.cycle);
        t.supply += u;
        t.pending += u;
        _store(self.totals, t);
    }

    /// @notice Removes `units` from `holder`, pending units first (they earn nothing yet).
    /// @dev The caller checks `units` <= the holder's balance and reverts with its own error.
    /// @return fromActive How many of the removed units were active.
    function debit(
        Ledger storage self,
        address holder,
        uint256 units
    ) internal returns (uint256 fromActive) {
        Index memory idx = self.index;
        (Position memory p, ) = _sync(self, holder, idx, false);
        uint256 fromPending;
        (p, fromPending, fromActive) = _take(p, units);
        _store(self.positions[holder], p);

        Totals memory t = _rollTotals(self.totals, idx.cycle);
        t.supply -= units.toUint112();
        // After _sync the holder's pending units are all of the current cycle, as are the totals'.
        t.pending -= fromPending.toUint112();
        _store(self.totals, t);
    }

    /// @notice Moves `units` from `from` to `to`. The receiver's units start counting from the
    ///         next cycle (a transfer must not let two holders earn on the same units in one
    ///         cycle), so the active units the sender gives up leave the active supply.
    function move(Ledger storage self, address from, address to, uint256 units) internal {
        Index memory idx = self.index;
        (Position memory p, ) = _sync(self, from, idx, false);
        uint256 fromActive;
        (p, , fromActive) = _take(p, units);
        _store(self.positions[from], p);

        (Position memory q, ) = _sync(self, to, idx, false);
        uint112 u = units.toUint112();
        q.balance += u;
        q.pending += u;
        q.pendingCycle = idx.cycle;
        _store(self.positions[to], q);

        if (fromActive != 0) {
            Totals memory t = _rollTotals(self.totals, idx.cycle);
            t.pending += fromActive.toUint112();
            _store(self.totals, t);
        }
    }

    /// @notice Takes `units` out of `holder`'s position into an escrow the caller keeps (a
    ///         redemption request): the totals keep them, so the escrowed active units go on
    ///         earning for whoever the caller books their reward to. With `activate`, the escrowed
    ///         units that were pending count as active from now (they earn in every cycle the
    ///         escrow lasts beyond the current one).
    /// @dev The caller checks `units` <= the holder's balance and reverts with its own error.
    /// @return activeUnits How many of the escrowed units the totals now count as active.
    function escrow(
        Ledger storage self,
        address holder,
        uint256 units,
        bool activate
    ) internal returns (uint256 activeUnits) {
        Index memory idx = self.index;
        (Position memory p, ) = _sync(self, holder, idx, false);
        uint256 fromPending;
        (p, fromPending, activeUnits) = _take(p, units);
        _store(self.positions[holder], p);
        if (activate && fromPending != 0) {
            Totals memory t = _rollTotals(self.totals, idx.cycle);
            // After _sync the holder's pending units are all of the current cycle.
            t.pending -= fromPending.toUint112();
            _store(self.totals, t);
            activeUnits = units;
        }
    }

    /// @notice Removes escrowed units from the totals (burnt, or set apart), `activeUnits` of
    ///         them counted as active and the rest as pending in the current cycle.
    function dropEscrowed(Ledger storage self, uint256 units, uint256 activeUnits) internal {
        Totals memory t = _rollTotals(self.totals, self.index.cycle);
        t.supply -= units.toUint112();
        t.pending -= (units - activeUnits).toUint112();
        _store(self.totals, t);
    }

    /// @notice Adds `amount` of reward to what `holder` has accrued (rewards the caller earned
    ///         on units it escrowed for the holder).
    function accrue(Ledger storage self, address holder, uint256 amount) internal {
        Index memory idx = self.index;
        uint256 pendingBefore = self.positions[holder].pending;
        (Position memory p, ) = _sync(self, holder, idx, false);
        if (p.pending != pendingBefore) _store(self.positions[holder], p);
        // Read after the sync, which may have brought the checkpoint up to date.
        Rewards memory r = self.rewards[holder];
        _store(self.rewards[holder], r.snapshot, (r.accrued + amount).toUint96());
    }

    /// @notice Collects `holder`'s earned rewards, returning the amount (the caller pays it).
    function collect(Ledger storage self, address holder) internal returns (uint256 amount) {
        uint256 pendingBefore = self.positions[holder].pending;
        Position memory p;
        (p, amount) = _sync(self, holder, self.index, true);
        // A sync that activated matured units must be stored, or they would be credited twice.
        if (p.pending != pendingBefore) _store(self.positions[holder], p);
    }

    /// @notice Closes the ledger's current cycle: distributes `reward` over the units active in
    ///         it and moves to the next cycle. Returns the part of `reward` that could not be
    ///         distributed (no active units), for the caller to carry forward.
    /// @dev The accumulator rounds down: holders together never get more than `reward`.
    function settle(Ledger storage self, uint256 reward) internal returns (uint256 undistributed) {
        Index memory idx = self.index;
        Totals memory t = self.totals;
        uint256 active = _active(t.supply, t.pending, t.pendingCycle, idx.cycle);
        if (reward != 0) {
            if (active == 0) {
                undistributed = reward;
            } else {
                idx.rewardPerUnit += ((reward * ACC_SCALE) / active).toUint152();
            }
        }
        if (t.pending != 0 && t.pendingCycle == idx.cycle) {
            self.rewardPerUnitAtEnd[idx.cycle] = idx.rewardPerUnit;
        }
        ++idx.cycle;
        _store(self.index, idx);
    }

    /// @notice Underlying value of `units` at the ledger's rate, rounded down.
    function toUnderlying(Index memory idx, uint256 units) internal pure returns (uint256) {
        return (units * idx.rate) / RATE_SCALE;
    }

    /// @notice Underlying value of `units` at the ledger's rate, rounded up.
    function toUnderlyingUp(Index memory idx, uint256 units) internal pure returns (uint256) {
        return (units * idx.rate + RATE_SCALE - 1) / RATE_SCALE;
    }

    /// @notice Units worth `amount` of underlying at the ledger's rate, rounded down.
    function toUnits(Index memory idx, uint256 amount) internal pure returns (uint256) {
        return (amount * RATE_SCALE) / idx.rate;
    }

    // ---------------------------------------------------------------- internal

    function _active(
        uint256 balance,
        uint256 pending,
        uint256 pendingCycle,
        uint256 cycle
    ) private pure returns (uint256) {
        return pendingCycle == cycle ? balance - pending : balance;
    }

    /// @dev Totals whose pending units belong to an earlier cycle have already been activated.
    function _rollTotals(Totals memory t, uint32 cycle) private pure returns (Totals memory) {
        if (t.pendingCycle != cycle) {
            t.pending = 0;
            t.pendingCycle = cycle;
        }
        return t;
    }

    function _earned(
        Ledger storage self,
        Position memory p,
        Rewards memory r,
        Index memory idx
    ) private view returns (uint256 accrued, bool matured) {
        accrued = r.accrued;
        matured = p.pending != 0 && p.pendingCycle != idx.cycle;
        uint256 active = p.balance - p.pending;
        if (active != 0) accrued += (active * (idx.rewardPerUnit - r.snapshot)) / ACC_SCALE;
        if (matured) {
            accrued +=
                (p.pending * (idx.rewardPerUnit - self.rewardPerUnitAtEnd[p.pendingCycle])) /
                ACC_SCALE;
        }
    }

    /// @dev Brings a holder's rewards up to the ledger's accumulator and activates matured
    ///      pending units. Writes the reward slot only when something changed, so a holder with
    ///      nothing active (a first deposit) pays for one slot only. When `collecting`, the
    ///      accrued rewards are returned and zeroed in the same write.
    function _sync(
        Ledger storage self,
        address holder,
        Index memory idx,
        bool collecting
    ) private returns (Position memory p, uint256 collected) {
        p = self.positions[holder];
        Rewards memory r = self.rewards[holder];
        (uint256 accrued, bool matured) = _earned(self, p, r, idx);
        if (matured) p.pending = 0;
        bool hasActive = p.balance != p.pending;
        if (collecting) {
            collected = accrued;
            accrued = 0;
        }
        if (accrued != r.accrued || (hasActive && r.snapshot != idx.rewardPerUnit)) {
            _store(self.rewards[holder], idx.rewardPerUnit, accrued.toUint96());
        }
    }

    /// @dev One SSTORE for the whole slot (the compiler writes a struct member by member). A holder
    ///      left with nothing is cleared, which refunds the slot. Layout as Solidity packs the
    ///      struct: balance in the low 112 bits, then pending, then pendingCycle.
    function _store(Position storage slot, Position memory p) private {
        uint256 packed =
            p.balance == 0
                ? 0
                : uint256(p.balance) |
                    (uint256(p.pending) << 112) |
                    (uint256(p.pendingCycle) << 224);
        assembly ("memory-safe") {
            sstore(slot.slot, packed)
        }
    }

    /// @dev As above for a reward checkpoint: snapshot in the low 160 bits, then accrued.
    function _store(Rewards storage slot, uint256 snapshot, uint96 accrued) private {
        uint256 packed = snapshot | (uint256(accrued) << 160);
        assembly ("memory-safe") {
            sstore(slot.slot, packed)
        }
    }

    /// @dev As above for the index: rewardPerUnit in the low 152 bits, then cycle, rate, paused.
    function _store(Index storage slot, Index memory idx) private {
        uint256 packed =
            uint256(idx.rewardPerUnit) |
                (uint256(idx.cycle) << 152) |
                (uint256(idx.rate) << 184) |
                (idx.paused ? uint256(1) << 248 : 0);
        assembly ("memory-safe") {
            sstore(slot.slot, packed)
        }
    }

    /// @dev As above for the totals (same layout); kept even at zero supply, the slot is hot.
    function _store(Totals storage slot, Totals memory t) private {
        uint256 packed =
            uint256(t.supply) | (uint256(t.pending) << 112) | (uint256(t.pendingCycle) << 224);
        assembly ("memory-safe") {
            sstore(slot.slot, packed)
        }
    }

    function _take(
        Position memory p,
        uint256 units
    ) private pure returns (Position memory, uint256 fromPending, uint256 fromActive) {
        fromPending = units < p.pending ? units : p.pending;
        fromActive = units - fromPending;
        p.balance -= units.toUint112();
        p.pending -= fromPending.toUint112();
        return (p, fromPending, fromActive);
    }
}
