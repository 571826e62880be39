// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {RedemptionLib} from "../libraries/RedemptionLib.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IERC7540Operator, IERC7540Redeem} from "../interfaces/IERC7540.sol";
import {IERC7887Redeem} from "../interfaces/IERC7540.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {ReactorAccounts} from "./ReactorAccounts.sol";
import {ReactorModule} from "./ReactorModule.sol";
import {ReactorStorage} from "./ReactorStorage.sol";
import {ReactorToken} from "./ReactorToken.sol";
import {ReactorViews} from "./ReactorViews.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title Reactor
/// @notice One asset's vault and its tAsset (see IReactor). This contract runs the hot paths:
///         the token (ReactorToken), deposits, requests and claims in the common case, and the
///         views. Everything else (settlement, cancellation, the allocator's and governance's
///         functions, a controller's books when it is short or has two requests) runs in its
///         ReactorModule by DELEGATECALL on the same storage (ReactorStorage).
/// @dev No reentrancy guard: amounts come from the book rate, never from balances (a deposit's
///      balance check only refuses), and every token transfer comes after the state change (see
///      the hook-token attack tests).
contract Reactor is ReactorViews, RoleGated {
    using CycleLedgerLib for CycleLedgerLib.Ledger;
    using CycleLedgerLib for CycleLedgerLib.Index;
    using SafeERC20 for IERC20;

    address private immutable _module;

    /// @notice Wires the contract to the dependencies and parameters below (checked here) and
    ///         deploys its module with the same ones.
    /// @param asset_    The underlying ERC-20 (no fee on transfer, no rebasing).
    /// @param manager_  The cycle manager that registers and settles this Reactor.
    /// @param roles_    The protocol's role registry.
    /// @param treasury_ Where swept surplus goes.
    /// @dev Starts paused and unregistered: the manager's registration aligns the books with its
    ///      cycle and opens deposits.
    constructor(
        IERC20Metadata asset_,
        ICycleManager manager_,
        IAccessControl roles_,
        address treasury_
    )
        ReactorStorage(IERC20(address(asset_)), manager_, treasury_)
        ReactorToken(asset_)
        RoleGated(roles_)
    {
        if (address(manager_).code.length == 0) revert ReactorBadManager(address(manager_));
        if (treasury_ == address(0)) revert ReactorZeroTreasury();
        _module = address(new ReactorModule(IERC20(address(asset_)), manager_, roles_, treasury_));
        _ledger.index = CycleLedgerLib.Index({
            rewardPerUnit: 0,
            cycle: 0,
            rate: uint64(CycleLedgerLib.RATE_SCALE),
            paused: true
        });
        _owed.epoch = 1;
        _coverProduct = CoverProduct({product: uint128(RedemptionLib.PRODUCT_ONE), scale: 0});
    }

    // ================================================================ ERC-4626

    /// @inheritdoc IERC4626
    function maxWithdraw(address controller) external view returns (uint256) {
        return _accountOf(controller).claim.assets;
    }

    /// @inheritdoc IERC4626
    function maxRedeem(address controller) external view returns (uint256) {
        return _accountOf(controller).claim.shares;
    }

    /// @inheritdoc IERC4626
    function deposit(uint256 assets, address receiver) external returns (uint256 shares) {
        CycleLedgerLib.Index memory idx = _ledger.index;
        if (idx.paused) revert ReactorPaused();
        shares = idx.toUnits(assets);
        _deposit(idx, assets, shares, receiver);
    }

    /// @inheritdoc IERC4626
    function mint(uint256 shares, address receiver) external returns (uint256 assets) {
        CycleLedgerLib.Index memory idx = _ledger.index;
        if (idx.paused) revert ReactorPaused();
        assets = idx.toUnderlyingUp(shares);
        _deposit(idx, assets, shares, receiver);
    }

    /// @inheritdoc IERC4626
    /// @dev Claims matured, covered requests of `controller` (ERC-7540) at their own rate; never
    ///      blocked by the pause.
    function withdraw(
        uint256 assets,
        address receiver,
        address controller
    ) external returns (uint256 shares) {
        shares = _claim(controller, receiver, assets, false);
    }

    /// @inheritdoc IERC4626
    /// @dev Claims matured, covered requests of `controller` (ERC-7540) at their own rate; never
    ///      blocked by the pause.
    function redeem(
        uint256 shares,
        address receiver,
        address controller
    ) external returns (uint256 assets) {
        assets = _claim(controller, receiver, shares, true);
    }

    // ================================================================ ERC-7540

    /// @inheritdoc IERC7540Redeem
    function requestRedeem(
        uint256 shares,
        address controller,
        address owner
    ) external returns (uint256) {
        if (shares == 0) revert ReactorZeroShares();
        if (controller == address(0)) revert ReactorZeroController();
        if (msg.sender != owner && !_operators[owner][msg.sender]) {
            _spendAllowance(owner, msg.sender, shares);
        }
        uint256 balance = _ledger.positions[owner].balance;
        if (shares > balance) revert ReactorRequestExceedsBalance(owner, shares, balance);
        emit Transfer(owner, address(this), shares);
        emit RedeemRequest(controller, owner, REQUEST_ID, msg.sender, shares);
        if (!_registered) {
            _payAtOnce(owner, controller, shares);
            return REQUEST_ID;
        }

        uint32 bookCycle = _ledger.index.cycle;
        Queue memory q = _queue;
        uint32 maturity = bookCycle;
        if (block.timestamp >= q.quietUntil) {
            ICycleManager.State memory clock = _manager.state();
            // A request made while a rollover is in progress misses it: it matures one cycle later.
            maturity = clock.inProgress ? clock.cycle + 1 : clock.cycle;
        }
        bool deferred = maturity != bookCycle;
        uint256 active = _ledger.escrow(owner, shares, deferred);
        // Cannot truncate: shares <= balance, a uint112, and the sums stay within the supply.
        if (deferred) {
            q.dueNextShares += uint112(shares);
            q.quietUntil = 0;
        } else {
            q.dueShares += uint112(shares);
        }
        _queue = q;
        Request memory r = _requests[controller];
        if (r.shares == 0 || r.cycle == maturity) {
            r.shares += uint112(shares);
            r.activeShares += uint112(active);
            r.cycle = maturity;
            _requests[controller] = r;
        } else {
            _moduleCall(
                abi.encodeCall(ReactorModule.addRequest, (controller, shares, active, maturity))
            );
        }
        return REQUEST_ID;
    }

    /// @inheritdoc IERC7540Redeem
    function pendingRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256) {
        if (requestId != REQUEST_ID) return 0;
        ReactorAccounts.Account memory a = _accountOf(controller);
        return a.request.shares + a.next.shares + a.debt.shares;
    }

    /// @inheritdoc IERC7540Redeem
    function claimableRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256) {
        return requestId == REQUEST_ID ? _accountOf(controller).claim.shares : 0;
    }

    /// @inheritdoc IERC7887Redeem
    function cancelRedeemRequest(uint256, address) external {
        _delegate();
    }

    /// @inheritdoc IERC7887Redeem
    function claimCancelRedeemRequest(uint256, address, address) external returns (uint256) {
        _delegate();
    }

    /// @inheritdoc IERC7540Operator
    function setOperator(address operator, bool approved) external returns (bool) {
        _operators[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
        return true;
    }

    // =================================================================== views

    /// @inheritdoc IReactor
    function redeemRequest(
        address controller
    ) external view returns (Request memory request, uint256 nextShares) {
        ReactorAccounts.Account memory a = _accountOf(controller);
        return (a.request, a.next.shares);
    }

    /// @inheritdoc IReactor
    function earnedRewards(address holder) external view returns (uint256) {
        return _ledger.earned(holder) + _accountOf(holder).reward;
    }

    // ==================================================== module (cold paths)

    /// @inheritdoc IReactor
    function settleCycle(uint256) external returns (uint256) {
        _delegate();
    }

    /// @inheritdoc IReactor
    function onRegistered(uint32) external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function onDeregistered() external {
        _delegate();
    }

    /// @inheritdoc IReactor
    /// @dev Inline, not in the module: a claim of a holder whose books are simple (the common
    ///      case, see `_syncClaim`) makes no DELEGATECALL.
    function collectRewards(address holder) external returns (uint256 amount) {
        if (msg.sender != _rewardsDistributor) revert ReactorOnlyRewardsDistributor(msg.sender);
        _syncClaim(holder);
        amount = _ledger.collect(holder);
    }

    /// @inheritdoc IReactor
    function pullAssets(uint256) external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function pushAssets(uint256) external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function writeDown(uint256) external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function markLoss(uint256) external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function pause() external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function unpause() external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function close() external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function setAllocator(address) external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function setRewardsDistributor(address) external {
        _delegate();
    }

    /// @inheritdoc IReactor
    function sweep(address) external returns (uint256) {
        _delegate();
    }

    /// @notice Runs a view of the module on this contract's storage (self-calls only: the views
    ///         above reach the module through a STATICCALL to here).
    function viaModule(bytes calldata data) external returns (bytes memory) {
        if (msg.sender != address(this)) revert ReactorOnlySelf(msg.sender);
        return _moduleCall(data);
    }

    // ================================================================ internal

    function _deposit(
        CycleLedgerLib.Index memory idx,
        uint256 assets,
        uint256 shares,
        address receiver
    ) private {
        if (shares == 0) revert ReactorZeroShares();
        if (receiver == address(0) || receiver == address(this)) {
            revert ERC20InvalidReceiver(receiver);
        }
        // Credit before the pull: `idx` was read with no external call since, and the pull is
        // the last step (the price is the book rate, so a hook in the pull cannot move it, and a
        // failed pull undoes the credit). The balance check refuses a fee on transfer (a deposit
        // reentered from the pull only adds to this one's delta).
        _ledger.credit(idx, receiver, shares);
        emit Transfer(address(0), receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
        uint256 before = _idle();
        _asset.safeTransferFrom(msg.sender, address(this), assets);
        uint256 received = _idle() - before;
        if (received < assets) revert ReactorTransferMismatch(assets, received);
    }

    /// @dev Pays `amountIn` (shares when `inShares`, else assets) of `controller`'s claimable
    ///      requests to `receiver`, at the controller's own average rate rounded against it;
    ///      returns the other side.
    function _claim(
        address controller,
        address receiver,
        uint256 amountIn,
        bool inShares
    ) private returns (uint256 amountOut) {
        _checkOperator(controller);
        if (receiver == address(0)) revert ERC20InvalidReceiver(receiver);
        if (amountIn == 0) revert ReactorZeroShares();
        ReactorStorage.Claim memory c = _syncClaim(controller);
        uint256 limit = inShares ? c.shares : c.assets;
        if (amountIn > limit) revert ReactorExceedsClaimable(controller, amountIn, limit);
        uint256 shares;
        uint256 assets;
        if (inShares) {
            (shares, assets) = (
                amountIn,
                amountIn == c.shares ? c.assets : (amountIn * c.assets) / c.shares
            );
            amountOut = assets;
        } else {
            shares =
                amountIn == c.assets ? c.shares : (amountIn * c.shares + c.assets - 1) / c.assets;
            (assets, amountOut) = (amountIn, shares);
        }
        // Cannot underflow or truncate: both are within the claim, and a claim is part of what
        // was covered.
        unchecked {
            c.shares -= uint112(shares);
            c.assets -= uint112(assets);
        }
        if (c.shares == 0 && c.assets == 0 && !c.hasDebt && !c.hasNext) delete _claims[controller];
        else _claims[controller] = c;
        _owed.covered -= uint112(assets);
        emit Withdraw(msg.sender, receiver, controller, assets, shares);
        _asset.safeTransfer(receiver, assets);
    }

    /// @dev The wind-down: a deregistered Reactor has no cycles, so a request is paid at once
    ///      from idle assets (it still has to be claimed, as ERC-7540 asks).
    function _payAtOnce(address owner, address controller, uint256 shares) private {
        uint256 assets = _ledger.index.toUnderlying(shares);
        uint256 owed = _reserved() + assets;
        uint256 idle = _idle();
        if (idle < owed) revert ReactorWindDownShortfall(owed, idle);
        _ledger.debit(owner, shares);
        emit Transfer(address(this), address(0), shares);
        ReactorStorage.Claim memory c = _syncClaim(controller);
        c.shares = SafeCast.toUint112(c.shares + shares);
        c.assets = SafeCast.toUint112(c.assets + assets);
        _claims[controller] = c;
        _owed.covered += SafeCast.toUint112(assets);
    }

    /// @dev `controller`'s claim, brought up to date and stored: inline in the common case (no
    ///      debt, no second request, the matured request covered at its settlement), else by the
    ///      module.
    function _syncClaim(address controller) private returns (ReactorStorage.Claim memory c) {
        (bool simple, ReactorAccounts.Account memory a) = _fastAccount(controller);
        if (!simple) {
            _moduleCall(abi.encodeCall(ReactorModule.syncAccount, (controller)));
            return _claims[controller];
        }
        if (a.changed) {
            delete _requests[controller];
            _claims[controller] = a.claim;
            if (a.reward != 0) _ledger.accrue(controller, a.reward);
        }
        return a.claim;
    }

    /// @dev `controller`'s books as of now, inline when simple, else from the module.
    function _accountOf(address controller) private view returns (ReactorAccounts.Account memory) {
        (bool simple, ReactorAccounts.Account memory a) = _fastAccount(controller);
        if (simple) return a;
        // A view reaches the module through a STATICCALL to this contract's `viaModule`.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(this).staticcall(
            abi.encodeCall(this.viaModule, (abi.encodeCall(ReactorModule.accountOf, (controller))))
        );
        if (!ok) _bubble(data);
        return abi.decode(abi.decode(data, (bytes)), (ReactorAccounts.Account));
    }

    /// @dev The common case of ReactorAccounts._account; `simple` false when the module must do it.
    function _fastAccount(
        address controller
    ) private view returns (bool simple, ReactorAccounts.Account memory a) {
        a.request = _requests[controller];
        a.claim = _claims[controller];
        if (a.claim.hasDebt || a.claim.hasNext) return (false, a);
        uint32 matured = a.request.cycle;
        if (a.request.shares == 0 || matured >= _ledger.index.cycle) return (true, a);
        ReactorStorage.Maturity memory m = _maturities[matured];
        if (!m.coveredAtOnce) return (false, a);
        a.changed = true;
        a.reward = (uint256(a.request.activeShares) * m.rewardPerUnit) / CycleLedgerLib.ACC_SCALE;
        a.claim.shares = SafeCast.toUint112(a.claim.shares + a.request.shares);
        a.claim.assets = SafeCast.toUint112(
            a.claim.assets + (uint256(a.request.shares) * m.rate) / CycleLedgerLib.RATE_SCALE
        );
        a.request = Request(0, 0, 0);
        return (true, a);
    }

    function _checkOperator(address controller) private view {
        if (msg.sender != controller && !_operators[controller][msg.sender]) {
            revert ReactorNotOperator(msg.sender, controller);
        }
    }

    /// @dev Forwards this call to the module and returns (or reverts) with what it returned.
    function _delegate() private {
        address module = _module;
        // Not memory-safe: it overwrites memory from 0, and then always returns or reverts.
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), module, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) {
                revert(0, returndatasize())
            }
            return(0, returndatasize())
        }
    }

    function _moduleCall(bytes memory data) private returns (bytes memory result) {
        bool ok;
        // The module is this Reactor's own (deployed by its constructor), on its storage layout.
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = _module.delegatecall(data);
        if (!ok) _bubble(result);
    }

    function _bubble(bytes memory reason) private pure {
        assembly ("memory-safe") {
            revert(add(reason, 0x20), mload(reason))
        }
    }
}
