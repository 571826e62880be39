// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {RedemptionLib} from "../libraries/RedemptionLib.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {ReactorStorage} from "./ReactorStorage.sol";

/// @title ReactorAccounts
/// @notice The redemption side of a Reactor's books, in full (the Reactor's module runs it): each
///         controller's requests (pending, matured-and-covered = claimable, matured-and-short =
///         debt), the cycles' maturities and the pro-rata cover of short ones (RedemptionLib).
/// @dev Controllers are brought up to date lazily, O(1) each: a pending request whose cycle was
///      settled is valued at that cycle's rate, its covered part becomes claimable and the rest a
///      debt that joins the cover where it stood at that settlement. Its escrowed active shares
///      earned that cycle's reward per unit, booked to the controller in the token ledger.
abstract contract ReactorAccounts is ReactorStorage {
    using CycleLedgerLib for CycleLedgerLib.Ledger;
    using RedemptionLib for RedemptionLib.Cover;

    /// @dev A controller's books in memory, brought up to the book cycle.
    struct Account {
        IReactor.Request request;
        Next next;
        Claim claim;
        Debt debt;
        RedemptionLib.Snapshot snap;
        uint256 reward;
        bool changed;
        bool hadNext;
        bool hadDebt;
    }

    // ================================================================ internal

    /// @dev Adds a pending request of `shares` (`active` of them earning) maturing at `maturity`.
    function _addRequest(
        address controller,
        uint256 shares,
        uint256 active,
        uint32 maturity,
        uint32 bookCycle
    ) internal {
        IReactor.Request memory r = _requests[controller];
        if (r.shares != 0 && r.cycle < bookCycle) {
            _store(controller, _load(controller, bookCycle), false);
            r = _requests[controller];
        }
        // Cannot truncate: the sums are bounded by the uint112 supply.
        if (r.shares == 0 || r.cycle == maturity) {
            r.shares += uint112(shares);
            r.activeShares += uint112(active);
            r.cycle = maturity;
            _requests[controller] = r;
            return;
        }
        // r matures at the book cycle and this request, made mid-rollover, one cycle later.
        Claim memory c = _claims[controller];
        Next memory n = c.hasNext ? _nextRequests[controller] : Next(0, 0);
        n.shares += uint112(shares);
        n.activeShares += uint112(active);
        _nextRequests[controller] = n;
        if (!c.hasNext) {
            c.hasNext = true;
            _claims[controller] = c;
        }
    }

    /// @dev Makes `shares` worth `assets` claimable by `controller` at once (covered from idle).
    function _addClaim(address controller, uint256 shares, uint256 assets) internal {
        Claim memory c = _claims[controller];
        c.shares = SafeCast.toUint112(c.shares + shares);
        c.assets = SafeCast.toUint112(c.assets + assets);
        _claims[controller] = c;
        _owed.covered += SafeCast.toUint112(assets);
    }

    /// @dev Books the matured escrow of the cycle `idx` closed: `shares` owed at its rate, covered
    ///      from idle as far as it goes.
    function _mature(
        CycleLedgerLib.Index memory idx,
        uint256 rewardPerUnit,
        uint256 shares
    ) internal {
        uint256 assets = (shares * idx.rate) / CycleLedgerLib.RATE_SCALE;
        emit IReactor.RedemptionsMatured(idx.cycle, shares, assets);
        RedemptionLib.Cover memory cov = _cover();
        Owed memory o = _owed;
        uint256 earlier = o.uncovered;
        uint256 owed = earlier + assets;
        uint256 paid = _pay(o, cov, owed, earlier != 0);
        bool atOnce = paid == owed;
        _maturities[idx.cycle] = Maturity({
            rate: idx.rate,
            // Cannot truncate: a difference of two uint152 accumulator values.
            rewardPerUnit: uint152(rewardPerUnit),
            epoch: cov.epoch,
            coveredAtOnce: atOnce
        });
        if (!atOnce) {
            if (cov.product != RedemptionLib.PRODUCT_ONE || cov.scale != 0) {
                _maturitySnaps[idx.cycle] = cov.snapshot();
            }
            emit IReactor.RedemptionShortfall(idx.cycle, owed, paid);
        }
    }

    /// @dev Covers what matured requests are still owed from idle assets (settlement, push).
    function _coverOwed(uint32 atCycle, bool settling) internal {
        Owed memory o = _owed;
        uint256 owed = o.uncovered;
        uint256 paid = _pay(o, _cover(), owed, true);
        if (paid != 0) emit IReactor.RedemptionsCovered(atCycle, paid, owed - paid);
        if (settling && paid != owed) emit IReactor.RedemptionShortfall(atCycle, owed, paid);
    }

    /// @dev Pays `owed` uncovered assets (the stored uncovered plus any new) out of free idle,
    ///      pro rata; stores the owed totals and, when `others` debts share the cover, the cover.
    function _pay(
        Owed memory o,
        RedemptionLib.Cover memory cov,
        uint256 owed,
        bool others
    ) private returns (uint256 paid) {
        uint256 idle = _idle();
        uint256 free = idle > o.covered ? idle - o.covered : 0;
        paid = free < owed ? free : owed;
        o.covered += SafeCast.toUint112(paid);
        o.uncovered = SafeCast.toUint112(owed - paid);
        // A debt paid in full at its own settlement, with nobody else owed, leaves the cover as
        // it was (its maturity says so); anything else moves it.
        if (paid != 0 && (others || paid != owed)) {
            RedemptionLib.Cover memory next = cov.pay(owed, paid);
            o.epoch = next.epoch;
            if (next.product != cov.product || next.scale != cov.scale) {
                _coverProduct = CoverProduct({product: next.product, scale: next.scale});
            }
        }
        _owed = o;
    }

    /// @dev Sets a controller's cancelled shares apart (escrowed, out of the ledger's totals).
    function _cancelShares(address controller, uint256 shares) internal {
        _cancelled[controller] += shares;
        _cancelledTotal += shares;
    }

    /// @dev Takes back all of a controller's cancelled shares.
    function _takeCancelled(address controller) internal returns (uint256 shares) {
        shares = _cancelled[controller];
        delete _cancelled[controller];
        _cancelledTotal -= shares;
    }

    /// @dev The controller's books brought up to date, with the reward its matured escrow earned
    ///      booked in the ledger. The caller stores them.
    function _load(address controller, uint32 bookCycle) internal returns (Account memory a) {
        a = _account(controller, bookCycle);
        if (a.reward != 0) {
            _ledger.accrue(controller, a.reward);
            a.reward = 0;
        }
    }

    /// @dev Brings the controller's books up to the book cycle and stores them.
    function _sync(address controller, uint32 bookCycle) internal {
        _store(controller, _load(controller, bookCycle), false);
    }

    /// @dev The controller's books as of the book cycle (a view: nothing is stored).
    function _account(
        address controller,
        uint32 bookCycle
    ) internal view returns (Account memory a) {
        a.request = _requests[controller];
        a.claim = _claims[controller];
        a.hadNext = a.claim.hasNext;
        a.hadDebt = a.claim.hasDebt;
        if (a.hadNext) a.next = _nextRequests[controller];
        RedemptionLib.Cover memory cov;
        if (a.hadDebt) {
            cov = _cover();
            a.debt = _debts[controller];
            a.snap = _debtSnaps[controller];
            _foldDebt(a, cov);
        }
        while (a.request.shares != 0 && a.request.cycle < bookCycle) {
            a.changed = true;
            Maturity memory m = _maturities[a.request.cycle];
            uint256 shares = a.request.shares;
            uint256 assets = (shares * m.rate) / CycleLedgerLib.RATE_SCALE;
            a.reward +=
                (uint256(a.request.activeShares) * m.rewardPerUnit) / CycleLedgerLib.ACC_SCALE;
            if (m.coveredAtOnce) {
                _addToClaim(a, shares, assets);
            } else {
                if (cov.product == 0) cov = _cover();
                RedemptionLib.Snapshot memory s = _maturitySnaps[a.request.cycle];
                if (s.product == 0) s.product = uint128(RedemptionLib.PRODUCT_ONE);
                s.epoch = m.epoch;
                _foldMatured(a, shares, assets, s, cov);
            }
            a.request =
                a.claim.hasNext
                    ? IReactor.Request(a.next.shares, a.next.activeShares, a.request.cycle + 1)
                    : IReactor.Request(0, 0, 0);
            a.next = Next(0, 0);
            a.claim.hasNext = false;
        }
    }

    /// @dev Brings the debt from its snapshot to `cov`: the newly covered part is claimable.
    function _foldDebt(Account memory a, RedemptionLib.Cover memory cov) private pure {
        uint256 leftShares = RedemptionLib.left(a.debt.shares, a.snap, cov);
        uint256 leftAssets = RedemptionLib.left(a.debt.assets, a.snap, cov);
        if (leftShares == a.debt.shares && leftAssets == a.debt.assets) return;
        a.changed = true;
        _addToClaim(a, a.debt.shares - leftShares, a.debt.assets - leftAssets);
        // Cannot truncate: at most the previous debt.
        a.debt = Debt(uint112(leftShares), uint112(leftAssets));
        a.snap = cov.snapshot();
        a.claim.hasDebt = leftShares != 0 || leftAssets != 0;
    }

    /// @dev Splits matured `shares`/`assets`, which joined the cover at `s`, into the claimable
    ///      part and what is left owed (rounded up), added to the debt (which stands at `cov`).
    function _foldMatured(
        Account memory a,
        uint256 shares,
        uint256 assets,
        RedemptionLib.Snapshot memory s,
        RedemptionLib.Cover memory cov
    ) private pure {
        uint256 leftShares = RedemptionLib.left(shares, s, cov);
        uint256 leftAssets = RedemptionLib.left(assets, s, cov);
        _addToClaim(a, shares - leftShares, assets - leftAssets);
        if (leftShares == 0 && leftAssets == 0) return;
        a.debt.shares = SafeCast.toUint112(a.debt.shares + leftShares);
        a.debt.assets = SafeCast.toUint112(a.debt.assets + leftAssets);
        a.snap = cov.snapshot();
        a.claim.hasDebt = true;
    }

    function _addToClaim(Account memory a, uint256 shares, uint256 assets) private pure {
        a.claim.shares = SafeCast.toUint112(a.claim.shares + shares);
        a.claim.assets = SafeCast.toUint112(a.claim.assets + assets);
    }

    /// @dev Writes the controller's books back (only what changed, unless `force`).
    function _store(address controller, Account memory a, bool force) internal {
        if (!a.changed && !force) return;
        if (a.request.shares == 0) delete _requests[controller];
        else _requests[controller] = a.request;
        if (a.claim.hasNext) _nextRequests[controller] = a.next;
        else if (a.hadNext) delete _nextRequests[controller];
        if (a.claim.hasDebt) {
            _debts[controller] = a.debt;
            _debtSnaps[controller] = a.snap;
        } else if (a.hadDebt) {
            delete _debts[controller];
            delete _debtSnaps[controller];
        }
        Claim memory c = a.claim;
        if (c.shares == 0 && c.assets == 0 && !c.hasDebt && !c.hasNext) delete _claims[controller];
        else _claims[controller] = c;
    }
}
