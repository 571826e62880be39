// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {RedemptionLib} from "../libraries/RedemptionLib.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IReactor} from "../interfaces/IReactor.sol";

// One contract holds every slot on purpose: the Reactor and its module must share one layout.
/* solhint-disable max-states-count */
/// @title ReactorStorage
/// @notice Every storage slot of a Reactor, in one place: the Reactor and its module (which runs
///         the cold paths by DELEGATECALL) both inherit it and nothing else that holds state, so
///         their layouts are the same by construction.
/// @dev Redemption bookkeeping: escrowed shares maturing when the books close the current cycle
///      sum to `dueShares`; those of requests made while a rollover is in progress for a Reactor
///      not yet settled mature one cycle later and sum to `dueNextShares`. Matured requests are
///      debts in assets: `covered` is set aside in idle, `uncovered` waits for assets (pro rata,
///      RedemptionLib).
abstract contract ReactorStorage {
    /// @dev Requests are fungible per controller (ERC-7540 request id 0).
    uint256 internal constant REQUEST_ID = 0;

    /// @dev The hot redemption slot. `quietUntil` is the end time of the book cycle: before it no
    ///      rollover can be in progress, so `requestRedeem` needs no call to the manager. It is 0
    ///      after a request was deferred to the next cycle (which only happens during a rollover),
    ///      telling settlement to bring `dueNextShares` forward.
    struct Queue {
        uint112 dueShares;
        uint112 dueNextShares;
        uint32 quietUntil;
    }

    /// @dev Assets owed to matured requests: `covered` is set aside in idle, `uncovered` is not;
    ///      `epoch` is the cover's (RedemptionLib), from 1, so that the slot is never zero (a
    ///      settlement after every claim was paid rewrites it for 2.9k gas, not 20k).
    struct Owed {
        uint112 covered;
        uint112 uncovered;
        uint32 epoch;
    }

    /// @dev The rest of the cover: its running product and scale (read only when short).
    struct CoverProduct {
        uint128 product;
        uint32 scale;
    }

    /// @dev What a settled cycle's matured requests need: the rate they were valued at, the
    ///      reward per active unit of that cycle, and where they joined the cover (unless idle
    ///      covered all of them at once).
    struct Maturity {
        uint64 rate;
        uint152 rewardPerUnit;
        uint32 epoch;
        bool coveredAtOnce;
    }

    /// @dev A second pending request of a controller, made mid-rollover: matures a cycle later.
    struct Next {
        uint112 shares;
        uint112 activeShares;
    }

    /// @dev Claimable shares and the assets they pay; flags for the controller's other slots.
    struct Claim {
        uint112 shares;
        uint112 assets;
        bool hasDebt;
        bool hasNext;
    }

    /// @dev Matured shares (and their assets) not covered yet.
    struct Debt {
        uint112 shares;
        uint112 assets;
    }

    IERC20 internal immutable _asset;
    ICycleManager internal immutable _manager;
    address internal immutable _treasury;

    // ------------------------------------------------------------ token ledger
    CycleLedgerLib.Ledger internal _ledger;
    mapping(address owner => mapping(address spender => uint256)) internal _allowances;
    mapping(address owner => uint256) internal _nonces;
    string internal _name;
    string internal _symbol;

    // ----------------------------------------------------------------- vault
    uint256 internal _deployedAssets;
    uint256 internal _markedLoss;
    address internal _allocator;
    address internal _rewardsDistributor;
    bool internal _registered;
    bool internal _closed;
    mapping(address controller => mapping(address operator => bool)) internal _operators;

    // ----------------------------------------------------------- redemptions
    Queue internal _queue;
    Owed internal _owed;
    CoverProduct internal _coverProduct;
    uint256 internal _cancelledTotal;
    mapping(uint32 cycle => Maturity) internal _maturities;
    mapping(uint32 cycle => RedemptionLib.Snapshot) internal _maturitySnaps;
    mapping(address controller => IReactor.Request) internal _requests;
    mapping(address controller => Next) internal _nextRequests;
    mapping(address controller => Claim) internal _claims;
    mapping(address controller => Debt) internal _debts;
    mapping(address controller => RedemptionLib.Snapshot) internal _debtSnaps;
    mapping(address controller => uint256) internal _cancelled;

    /// @notice Fixes the dependencies both the Reactor and its module read.
    /// @param asset_    The underlying.
    /// @param manager_  The cycle manager.
    /// @param treasury_ Where swept surplus goes.
    constructor(IERC20 asset_, ICycleManager manager_, address treasury_) {
        _asset = asset_;
        _manager = manager_;
        _treasury = treasury_;
    }

    /// @dev Shares escrowed in the Reactor's own balance: pending requests and cancelled shares
    ///      not claimed back.
    function _escrowed() internal view returns (uint256) {
        Queue memory q = _queue;
        return uint256(q.dueShares) + q.dueNextShares + _cancelledTotal;
    }

    /// @dev Every tAsset, escrowed ones included (the ledger's totals leave cancelled ones out).
    function _shareSupply() internal view returns (uint256) {
        return _ledger.totals.supply + _cancelledTotal;
    }

    /// @dev Assets owed to matured requests not claimed yet.
    function _reserved() internal view returns (uint256) {
        Owed memory o = _owed;
        return uint256(o.covered) + o.uncovered;
    }

    /// @dev The cover as RedemptionLib works with it.
    function _cover() internal view returns (RedemptionLib.Cover memory) {
        CoverProduct memory c = _coverProduct;
        return RedemptionLib.Cover({product: c.product, epoch: _owed.epoch, scale: c.scale});
    }

    function _idle() internal view returns (uint256) {
        return _asset.balanceOf(address(this));
    }
}
/* solhint-enable max-states-count */
