// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

// Venue slots in a packed vote (and per Reactor, over its lifetime); a file-level
// constant so that storage arrays can be sized with it.
uint256 constant VOTE_SLOTS = 16;

/// @title VoteTallyLib
/// @notice Venue vote tallies of one Reactor that stay equal to "sum over voters of active stake x
///         share" with work bounded by the number of venue slots per change, and none at rollover.
///
///         A vote is a packed word of 16 shares (basis points, 16 bits each, slot i in bits
///         [16i, 16i + 16)), one per venue slot of the Reactor. A voter's weight (stake whose votes
///         it directs) has an active part and a part pending until the current cycle ends, like
///         the stake ledger (CycleLedgerLib). Each venue's tally keeps the same two parts, in stake
///         units x basis points (exact integers, no rounding), and activates its pending part
///         lazily when it is next touched in a later cycle: a rollover writes nothing here.
/// @dev Tallies are uint112: a Reactor's tally can reach its total stake x 10,000, so stake per
///      Reactor is bounded by 2^112 / 10^4 (about 5.2e29 wei, 5.2e11 TOKE); SafeCast reverts past
///      it, on the stake that would cross it.
library VoteTallyLib {
    using SafeCast for uint256;

    /// @notice Basis points in a whole vote.
    uint256 internal constant BPS = 10_000;
    /// @notice Bits per share in a packed vote.
    uint256 internal constant SHARE_BITS = 16;
    uint256 private constant SHARE_MASK = 0xffff;

    /// @notice One venue's tally, in stake wei x basis points: `active` counts now, `pending`
    ///         was added in `pendingCycle` and counts once that cycle has ended (`activeOf`).
    struct Tally {
        uint112 active;
        uint112 pending;
        uint32 pendingCycle;
    }

    /// @notice Stake whose votes an account directs on behalf of others (delegated to it):
    ///         `balance` units of which `pending` were added in `pendingCycle`.
    struct Weight {
        uint112 balance;
        uint112 pending;
        uint32 pendingCycle;
    }

    // ------------------------------------------------------------------ shares

    /// @notice The share (basis points) of `slot` in the packed vote `shares`.
    function shareOf(uint256 shares, uint256 slot) internal pure returns (uint256) {
        return (shares >> (slot * SHARE_BITS)) & SHARE_MASK;
    }

    /// @notice `shares` with `slot` set to `bps` (the slot must be zero).
    function withShare(uint256 shares, uint256 slot, uint256 bps) internal pure returns (uint256) {
        return shares | (bps << (slot * SHARE_BITS));
    }

    /// @notice Sum of the shares of a packed vote.
    function totalOf(uint256 shares) internal pure returns (uint256 total) {
        for (; shares != 0; shares >>= SHARE_BITS) total += shares & SHARE_MASK;
    }

    // ------------------------------------------------------------------ tallies

    /// @notice The tally's units active in `cycle`.
    function activeOf(Tally memory t, uint256 cycle) internal pure returns (uint256) {
        return t.pendingCycle == cycle ? t.active : uint256(t.active) + t.pending;
    }

    /// @notice Adds `active` and `pending` (of `cycle`) weight voting `shares` to the tallies.
    function add(Tally[VOTE_SLOTS] storage tallies, uint256 shares, uint256 active, uint256 pending, uint32 cycle) internal {
        for (uint256 slot; shares != 0; (shares >>= SHARE_BITS, ++slot)) {
            uint256 bps = shares & SHARE_MASK;
            if (bps != 0) _change(tallies[slot], cycle, active * bps, pending * bps, 0, 0);
        }
    }

    /// @notice Removes `active` and `pending` (of `cycle`) weight voting `shares` from the tallies.
    function remove(
        Tally[VOTE_SLOTS] storage tallies,
        uint256 shares,
        uint256 active,
        uint256 pending,
        uint32 cycle
    ) internal {
        for (uint256 slot; shares != 0; (shares >>= SHARE_BITS, ++slot)) {
            uint256 bps = shares & SHARE_MASK;
            if (bps != 0) _change(tallies[slot], cycle, 0, 0, active * bps, pending * bps);
        }
    }

    /// @notice Moves `active` and `pending` (of `cycle`) weight from voting `oldShares` to voting
    ///         `newShares`: one write per slot whose share changed.
    function revote(
        Tally[VOTE_SLOTS] storage tallies,
        uint256 oldShares,
        uint256 newShares,
        uint256 active,
        uint256 pending,
        uint32 cycle
    ) internal {
        for (uint256 slot; (oldShares | newShares) != 0; ++slot) {
            uint256 before = oldShares & SHARE_MASK;
            uint256 next = newShares & SHARE_MASK;
            if (next > before) {
                _change(tallies[slot], cycle, active * (next - before), pending * (next - before), 0, 0);
            } else if (before > next) {
                _change(tallies[slot], cycle, 0, 0, active * (before - next), pending * (before - next));
            }
            oldShares >>= SHARE_BITS;
            newShares >>= SHARE_BITS;
        }
    }

    // ------------------------------------------------------------------ weights

    /// @notice (active, pending) parts of a delegated weight in `cycle`.
    function split(Weight memory w, uint256 cycle) internal pure returns (uint256 active, uint256 pending) {
        pending = w.pendingCycle == cycle ? w.pending : 0;
        active = w.balance - pending;
    }

    /// @notice Adds `active` and `pending` (of `cycle`) units to a delegated weight.
    function credit(Weight storage self, uint256 active, uint256 pending, uint32 cycle) internal {
        (uint256 activeNow, uint256 pendingNow) = split(self, cycle);
        _store(self, activeNow + pendingNow + active + pending, pendingNow + pending, cycle);
    }

    /// @notice Removes `active` and `pending` (of `cycle`) units from a delegated weight.
    function debit(Weight storage self, uint256 active, uint256 pending, uint32 cycle) internal {
        (uint256 activeNow, uint256 pendingNow) = split(self, cycle);
        _store(self, activeNow + pendingNow - active - pending, pendingNow - pending, cycle);
    }

    // ------------------------------------------------------------------ private

    /// @dev One SSTORE for the slot (the compiler would write the members one by one); layout as
    ///      Solidity packs the struct: balance, then pending, then pendingCycle.
    function _store(Weight storage self, uint256 balance, uint256 pending, uint32 cycle) private {
        uint256 packed = uint256(balance.toUint112()) | (uint256(pending.toUint112()) << 112) | (uint256(cycle) << 224);
        assembly ("memory-safe") {
            sstore(self.slot, packed)
        }
    }

    /// @dev Activates the tally's pending units of an earlier cycle, then applies the change. A
    ///      voter's pending units are always of the current cycle, so they are part of the
    ///      tally's pending units and the subtractions cannot underflow.
    function _change(
        Tally storage self,
        uint32 cycle,
        uint256 addActive,
        uint256 addPending,
        uint256 subActive,
        uint256 subPending
    ) private {
        Tally memory t = self;
        uint256 active = t.active;
        uint256 pending = t.pending;
        if (t.pendingCycle != cycle) {
            active += pending;
            pending = 0;
        }
        active = active + addActive - subActive;
        pending = pending + addPending - subPending;
        // One SSTORE for the slot, laid out as Solidity packs the struct.
        uint256 packed = uint256(active.toUint112()) | (uint256(pending.toUint112()) << 112) | (uint256(cycle) << 224);
        assembly ("memory-safe") {
            sstore(self.slot, packed)
        }
    }
}
