// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IERC7540Operator, IERC7540Redeem, IERC7575Share} from "../interfaces/IERC7540.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title Reactor
/// @notice One asset's vault and its tAsset (see IReactor). Balances live in a CycleLedgerLib
///         ledger: one slot per holder, lazy activation at the cycle boundary, O(1) rewards.
/// @dev Redemption bookkeeping, all in tAsset units so that a write-down keeps it consistent:
///      - requests maturing when the books close the current cycle sum to `_queue.dueShares`;
///        requests made while a rollover is in progress for a Reactor not yet settled mature one
///        cycle later and sum to `_dueNextShares` (rare);
///      - matured, unclaimed requests sum to `_queue.reservedShares`, covered by idle assets.
///      No reentrancy guard: amounts come from the book rate, never from balances, and every
///      token transfer comes after the state change (see the hook-token attack tests).
contract Reactor is IReactor, RoleGated, Nonces {
    using CycleLedgerLib for CycleLedgerLib.Ledger;
    using CycleLedgerLib for CycleLedgerLib.Index;
    using SafeERC20 for IERC20;

    /// @dev Balances are uint112 in the ledger.
    uint256 private constant MAX_UNITS = type(uint112).max;
    /// @dev Requests are fungible per controller (ERC-7540 allows a single id, 0).
    uint256 private constant REQUEST_ID = 0;
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant DOMAIN_VERSION_HASH = keccak256("1");
    bytes32 private constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    /// @dev ERC-165 id of ERC-7575 (the full vault interface, as the ERC states it).
    bytes4 private constant ERC7575_INTERFACE_ID = 0x2f0a18c5;
    /// @dev Label of swept surplus in the Treasury's inflow records.
    bytes32 private constant SWEEP_SOURCE = "REACTOR_SURPLUS";

    /// @dev The hot redemption slot. `quietUntil` is the end time of the book cycle: before it no
    ///      rollover can be in progress, so `requestRedeem` needs no call to the manager. It is 0
    ///      after a request was deferred to the next cycle (which only happens during a rollover),
    ///      telling settlement to bring `_dueNextShares` forward.
    struct Queue {
        uint112 reservedShares;
        uint112 dueShares;
        uint32 quietUntil;
    }

    IERC20 private immutable _asset;
    uint8 private immutable _decimals;
    ICycleManager private immutable _manager;
    address private immutable _treasury;
    bytes32 private immutable _hashedName;
    uint256 private immutable _deployChainId;
    bytes32 private immutable _deployDomainSeparator;

    CycleLedgerLib.Ledger private _ledger;
    Queue private _queue;
    uint256 private _dueNextShares;
    bool private _registered;
    uint256 private _deployedAssets;
    uint256 private _markedLoss;
    address private _allocator;
    address private _rewardsDistributor;
    mapping(address controller => Request) private _requests;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;
    mapping(address controller => mapping(address operator => bool)) private _operators;
    string private _name;
    string private _symbol;

    modifier onlyManager() {
        if (msg.sender != address(_manager)) revert ReactorOnlyManager(msg.sender);
        _;
    }

    modifier onlyAllocator() {
        if (msg.sender != _allocator) revert ReactorOnlyAllocator(msg.sender);
        _;
    }

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
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
    ) RoleGated(roles_) {
        if (address(manager_).code.length == 0) revert ReactorBadManager(address(manager_));
        if (treasury_ == address(0)) revert ReactorZeroTreasury();
        _asset = IERC20(address(asset_));
        _decimals = asset_.decimals();
        _manager = manager_;
        _treasury = treasury_;
        string memory symbol_ = asset_.symbol();
        _name = string.concat("Tokemak ", symbol_);
        _symbol = string.concat("t", symbol_);
        _hashedName = keccak256(bytes(_name));
        _deployChainId = block.chainid;
        _deployDomainSeparator = _buildDomainSeparator();
        _ledger.index = CycleLedgerLib.Index({
            rewardPerUnit: 0,
            cycle: 0,
            rate: uint64(CycleLedgerLib.RATE_SCALE),
            paused: true
        });
    }

    // ================================================================== ERC-20

    /// @inheritdoc IERC20Metadata
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view returns (uint256) {
        return _ledger.totals.supply;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view returns (uint256) {
        return _ledger.positions[account].balance;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        if (from == address(0)) revert ERC20InvalidSender(from);
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert ERC20InsufficientAllowance(msg.sender, allowed, value);
            // Cannot underflow: checked just above.
            unchecked {
                _allowances[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline)
        );
        address signer = ECDSA.recover(
            MessageHashUtils.toTypedDataHash(DOMAIN_SEPARATOR(), structHash),
            v,
            r,
            s
        );
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    // solhint-disable func-name-mixedcase
    /// @notice The EIP-712 domain separator of this tAsset's permits (ERC-2612).
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        // Rebuilt after a chain split, so a permit signed for one chain is void on the other.
        return block.chainid == _deployChainId ? _deployDomainSeparator : _buildDomainSeparator();
    }
    // solhint-enable func-name-mixedcase

    // ================================================================ ERC-4626

    /// @inheritdoc IERC4626
    function asset() external view returns (address) {
        return address(_asset);
    }

    /// @inheritdoc IERC7575Share
    function share() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IERC4626
    /// @dev The book value of every tAsset, not the token balance: deployed assets count, and
    ///      donations do not.
    function totalAssets() external view returns (uint256) {
        return _ledger.index.toUnderlying(_ledger.totals.supply);
    }

    /// @inheritdoc IERC4626
    function convertToShares(uint256 assets) external view returns (uint256) {
        return _ledger.index.toUnits(assets);
    }

    /// @inheritdoc IERC4626
    function convertToAssets(uint256 shares) external view returns (uint256) {
        return _ledger.index.toUnderlying(shares);
    }

    /// @inheritdoc IERC4626
    function maxDeposit(address) external view returns (uint256) {
        CycleLedgerLib.Index memory idx = _ledger.index;
        return idx.paused ? 0 : idx.toUnderlying(MAX_UNITS - _ledger.totals.supply);
    }

    /// @inheritdoc IERC4626
    function maxMint(address) external view returns (uint256) {
        return _ledger.index.paused ? 0 : MAX_UNITS - _ledger.totals.supply;
    }

    /// @inheritdoc IERC4626
    function maxWithdraw(address controller) external view returns (uint256) {
        return _ledger.index.toUnderlying(_claimable(_requests[controller], _ledger.index.cycle));
    }

    /// @inheritdoc IERC4626
    function maxRedeem(address controller) external view returns (uint256) {
        return _claimable(_requests[controller], _ledger.index.cycle);
    }

    /// @inheritdoc IERC4626
    function previewDeposit(uint256 assets) external view returns (uint256) {
        return _ledger.index.toUnits(assets);
    }

    /// @inheritdoc IERC4626
    function previewMint(uint256 shares) external view returns (uint256) {
        return _ledger.index.toUnderlyingUp(shares);
    }

    /// @inheritdoc IERC4626
    /// @dev Always reverts: redemptions are asynchronous (ERC-7540).
    function previewWithdraw(uint256) external pure returns (uint256) {
        revert ReactorAsyncRedeem();
    }

    /// @inheritdoc IERC4626
    /// @dev Always reverts: redemptions are asynchronous (ERC-7540).
    function previewRedeem(uint256) external pure returns (uint256) {
        revert ReactorAsyncRedeem();
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
    /// @dev Claims a matured request of `controller` (ERC-7540); never blocked by the pause.
    function withdraw(
        uint256 assets,
        address receiver,
        address controller
    ) external returns (uint256 shares) {
        CycleLedgerLib.Index memory idx = _ledger.index;
        shares = idx.toUnitsUp(assets);
        _claim(idx, controller, receiver, shares, assets);
    }

    /// @inheritdoc IERC4626
    /// @dev Claims a matured request of `controller` (ERC-7540); never blocked by the pause.
    function redeem(
        uint256 shares,
        address receiver,
        address controller
    ) external returns (uint256 assets) {
        CycleLedgerLib.Index memory idx = _ledger.index;
        assets = idx.toUnderlying(shares);
        _claim(idx, controller, receiver, shares, assets);
    }

    // ================================================================ ERC-7540

    /// @inheritdoc IERC7540Redeem
    function requestRedeem(
        uint256 shares,
        address controller,
        address owner
    ) external returns (uint256) {
        if (controller != owner) revert ReactorControllerNotOwner(controller, owner);
        _checkOperator(owner);
        uint256 balance = _ledger.positions[owner].balance;
        if (shares > balance) revert ReactorRequestExceedsBalance(owner, shares, balance);

        uint32 bookCycle = _ledger.index.cycle;
        Request memory previous = _requests[owner];
        if (previous.shares != 0 && previous.cycle < bookCycle) {
            revert ReactorClaimablePending(owner, previous.shares);
        }
        Queue memory q = _queue;
        uint32 maturity = bookCycle;
        if (block.timestamp >= q.quietUntil) {
            ICycleManager.State memory clock = _manager.state();
            // A request made while a rollover is in progress misses it: it matures one cycle later.
            maturity = clock.inProgress ? clock.cycle + 1 : clock.cycle;
        }

        if (previous.shares != 0) {
            if (previous.cycle == bookCycle) q.dueShares -= previous.shares;
            else _dueNextShares -= previous.shares;
        }
        // Cannot truncate: shares <= balance, a uint112.
        if (maturity == bookCycle) {
            q.dueShares += uint112(shares);
        } else {
            _dueNextShares += shares;
            q.quietUntil = 0;
        }
        _queue = q;
        _requests[owner] = Request({shares: uint112(shares), cycle: maturity});
        emit RedeemRequest(controller, owner, REQUEST_ID, msg.sender, shares);
        return REQUEST_ID;
    }

    /// @inheritdoc IERC7540Redeem
    function pendingRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256) {
        if (requestId != REQUEST_ID) return 0;
        Request memory req = _requests[controller];
        return req.cycle >= _ledger.index.cycle ? req.shares : 0;
    }

    /// @inheritdoc IERC7540Redeem
    function claimableRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256) {
        if (requestId != REQUEST_ID) return 0;
        return _claimable(_requests[controller], _ledger.index.cycle);
    }

    /// @inheritdoc IERC7540Operator
    function setOperator(address operator, bool approved) external returns (bool) {
        _operators[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
        return true;
    }

    /// @inheritdoc IERC7540Operator
    function isOperator(address controller, address operator) external view returns (bool) {
        return _operators[controller][operator];
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return
            interfaceId == type(IERC165).interfaceId ||
            interfaceId == type(IERC7540Operator).interfaceId ||
            interfaceId == type(IERC7540Redeem).interfaceId ||
            interfaceId == ERC7575_INTERFACE_ID;
    }

    // =================================================================== views

    /// @inheritdoc IReactor
    function manager() external view returns (address) {
        return address(_manager);
    }

    /// @inheritdoc IReactor
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IReactor
    function cycle() external view returns (uint32) {
        return _ledger.index.cycle;
    }

    /// @inheritdoc IReactor
    function rate() external view returns (uint256) {
        return _ledger.index.rate;
    }

    /// @inheritdoc IReactor
    function paused() external view returns (bool) {
        return _ledger.index.paused;
    }

    /// @inheritdoc IReactor
    function activeSupply() external view returns (uint256) {
        return _ledger.activeSupply();
    }

    /// @inheritdoc IReactor
    function activeBalanceOf(address holder) external view returns (uint256) {
        return _ledger.activeBalanceOf(holder);
    }

    /// @inheritdoc IReactor
    function activeAssets() external view returns (uint256) {
        return _ledger.index.toUnderlying(_ledger.activeSupply());
    }

    /// @inheritdoc IReactor
    function idleAssets() public view returns (uint256) {
        return _asset.balanceOf(address(this));
    }

    /// @inheritdoc IReactor
    function reservedShares() external view returns (uint256) {
        return _queue.reservedShares;
    }

    /// @inheritdoc IReactor
    function reservedAssets() public view returns (uint256) {
        return _ledger.index.toUnderlyingUp(_queue.reservedShares);
    }

    /// @inheritdoc IReactor
    function pendingRedeemShares() external view returns (uint256) {
        return _queue.dueShares + _dueNextShares;
    }

    /// @inheritdoc IReactor
    function deployedAssets() external view returns (uint256) {
        return _deployedAssets;
    }

    /// @inheritdoc IReactor
    function markedLoss() external view returns (uint256) {
        return _markedLoss;
    }

    /// @inheritdoc IReactor
    function redeemRequest(address controller) external view returns (Request memory) {
        return _requests[controller];
    }

    /// @inheritdoc IReactor
    function earnedRewards(address holder) external view returns (uint256) {
        return _ledger.earned(holder);
    }

    /// @inheritdoc IReactor
    function rewardsDistributor() external view returns (address) {
        return _rewardsDistributor;
    }

    /// @inheritdoc IReactor
    function allocator() external view returns (address) {
        return _allocator;
    }

    // ======================================================= manager / rewards

    /// @inheritdoc IReactor
    function settleCycle(uint256 lpReward) external onlyManager returns (uint256 undistributed) {
        uint32 closing = _ledger.index.cycle;
        undistributed = _ledger.settle(lpReward);
        Queue memory q = _queue;
        if (q.dueShares != 0) {
            q.reservedShares += q.dueShares;
            // Each claim pays its shares' value rounded down, so the floor of the total is enough
            // to pay them all.
            uint256 owed = _ledger.index.toUnderlying(q.reservedShares);
            uint256 idle = _asset.balanceOf(address(this));
            if (idle < owed) revert ReactorReserveShortfall(owed, idle);
            q.dueShares = 0;
        }
        if (q.quietUntil == 0) {
            // Cannot truncate: the sum of requests is bounded by the uint112 supply.
            q.dueShares = uint112(_dueNextShares);
            _dueNextShares = 0;
        }
        // The manager is mid-rollover: the next cycle starts where the closing one was scheduled
        // to end and lasts `nextDuration` (frozen during a rollover).
        ICycleManager.State memory clock = _manager.state();
        q.quietUntil = _quietUntil(uint256(clock.cycleStart) + clock.duration + clock.nextDuration);
        _queue = q;
        emit CycleSettled(closing, lpReward, undistributed, q.reservedShares);
    }

    /// @inheritdoc IReactor
    function onRegistered(uint32 currentCycle) external onlyManager {
        uint256 supply = _ledger.totals.supply;
        if (supply != 0) revert ReactorNotEmpty(supply);
        _ledger.index.cycle = currentCycle;
        _ledger.index.paused = false;
        _registered = true;
        ICycleManager.State memory clock = _manager.state();
        _queue.quietUntil = _quietUntil(uint256(clock.cycleStart) + clock.duration);
        emit Registered(currentCycle);
    }

    /// @inheritdoc IReactor
    function onDeregistered() external onlyManager {
        _ledger.index.paused = true;
        _registered = false;
        emit Deregistered();
    }

    /// @inheritdoc IReactor
    function collectRewards(address holder) external returns (uint256 amount) {
        if (msg.sender != _rewardsDistributor) revert ReactorOnlyRewardsDistributor(msg.sender);
        amount = _ledger.collect(holder);
    }

    // =============================================================== allocator

    /// @inheritdoc IReactor
    function pullAssets(uint256 assets) external onlyAllocator {
        if (_ledger.index.paused) revert ReactorPaused();
        uint256 idle = idleAssets();
        uint256 reserved = reservedAssets();
        uint256 available = idle > reserved ? idle - reserved : 0;
        if (assets > available) revert ReactorPullExceedsAvailable(assets, available);
        _deployedAssets += assets;
        _asset.safeTransfer(msg.sender, assets);
        emit AssetsPulled(msg.sender, assets);
    }

    /// @inheritdoc IReactor
    function pushAssets(uint256 assets) external onlyAllocator {
        uint256 deployed = _deployedAssets;
        _deployedAssets = assets < deployed ? deployed - assets : 0;
        _asset.safeTransferFrom(msg.sender, address(this), assets);
        emit AssetsPushed(msg.sender, assets);
    }

    /// @inheritdoc IReactor
    function writeDown(uint256 loss) external onlyAllocator {
        uint256 deployed = _deployedAssets;
        if (loss == 0 || loss > deployed) revert ReactorBadWriteDown(loss, deployed);
        uint256 mark = _markedLoss;
        // The marked part of the loss is already in the rate: realising it changes no value.
        uint256 fromMark = loss < mark ? loss : mark;
        uint256 rest = loss - fromMark;
        uint256 oldRate = _ledger.index.rate;
        uint256 newRate = oldRate;
        uint256 supply = _ledger.totals.supply;
        if (rest != 0 && supply != 0) {
            // Rounded up so that supply x newRate <= supply x oldRate - rest: holders bear the
            // whole loss, never less.
            uint256 cut = (rest * CycleLedgerLib.RATE_SCALE + supply - 1) / supply;
            if (cut >= oldRate) revert ReactorBadWriteDown(loss, deployed);
            newRate = oldRate - cut;
            // Cannot truncate: below the previous uint64 rate.
            _ledger.index.rate = uint64(newRate);
        }
        if (fromMark != 0) _markedLoss = mark - fromMark;
        _deployedAssets = deployed - loss;
        emit WrittenDown(loss, oldRate, newRate);
    }

    /// @inheritdoc IReactor
    function markLoss(uint256 unrealisedLoss) external onlyAllocator {
        uint256 deployed = _deployedAssets;
        if (unrealisedLoss > deployed) revert ReactorBadMark(unrealisedLoss, deployed);
        uint256 oldMark = _markedLoss;
        uint256 oldRate = _ledger.index.rate;
        uint256 newRate = oldRate;
        uint256 supply = _ledger.totals.supply;
        if (supply != 0 && unrealisedLoss != oldMark) {
            // The book value before any mark is supply x rate + the old mark; the new rate is
            // that value net of the new mark, rounded down (holders never get more).
            uint256 unmarked = supply * oldRate + oldMark * CycleLedgerLib.RATE_SCALE;
            uint256 marked = unrealisedLoss * CycleLedgerLib.RATE_SCALE;
            if (marked >= unmarked) revert ReactorBadMark(unrealisedLoss, deployed);
            newRate = (unmarked - marked) / supply;
            if (newRate == 0) revert ReactorBadMark(unrealisedLoss, deployed);
            _ledger.index.rate = SafeCast.toUint64(newRate);
        }
        _markedLoss = unrealisedLoss;
        emit LossMarked(unrealisedLoss, oldRate, newRate);
    }

    // =================================================================== roles

    /// @inheritdoc IReactor
    function pause() external onlyGuardian {
        _ledger.index.paused = true;
        emit DepositsPaused(msg.sender);
    }

    /// @inheritdoc IReactor
    function unpause() external onlyGovernance {
        if (!_registered) revert ReactorNotRegistered();
        _ledger.index.paused = false;
        emit DepositsUnpaused(msg.sender);
    }

    /// @inheritdoc IReactor
    function setAllocator(address allocator_) external onlyGovernance {
        _allocator = allocator_;
        emit AllocatorSet(allocator_);
    }

    /// @inheritdoc IReactor
    function setRewardsDistributor(address distributor) external onlyGovernance {
        _rewardsDistributor = distributor;
        emit RewardsDistributorSet(distributor);
    }

    /// @inheritdoc IReactor
    function sweep(address token) external onlyGovernance returns (uint256 amount) {
        uint256 balance = IERC20(token).balanceOf(address(this));
        if (token == address(_asset)) {
            uint256 owed = _ledger.index.toUnderlyingUp(_ledger.totals.supply);
            uint256 held = balance + _deployedAssets;
            uint256 surplus = held > owed ? held - owed : 0;
            uint256 reserved = reservedAssets();
            uint256 free = balance > reserved ? balance - reserved : 0;
            amount = surplus < free ? surplus : free;
        } else {
            amount = balance;
        }
        if (amount != 0) {
            IERC20(token).forceApprove(_treasury, amount);
            ITreasury(_treasury).deposit(token, amount, SWEEP_SOURCE);
        }
        emit Swept(token, amount);
    }

    // ================================================================ internal

    function _deposit(
        CycleLedgerLib.Index memory idx,
        uint256 assets,
        uint256 shares,
        address receiver
    ) private {
        if (shares == 0) revert ReactorZeroShares();
        if (receiver == address(0)) revert ERC20InvalidReceiver(receiver);
        // Credit before the pull: `idx` was read with no external call since, and the pull is
        // the last step (the price is the book rate, so a hook in the pull cannot move it, and a
        // failed pull undoes the credit).
        _ledger.credit(idx, receiver, shares);
        emit Transfer(address(0), receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
        _asset.safeTransferFrom(msg.sender, address(this), assets);
    }

    function _claim(
        CycleLedgerLib.Index memory idx,
        address controller,
        address receiver,
        uint256 shares,
        uint256 assets
    ) private {
        _checkOperator(controller);
        if (receiver == address(0)) revert ERC20InvalidReceiver(receiver);
        Request memory req = _requests[controller];
        uint256 claimable = _claimable(req, idx.cycle);
        if (shares > claimable) revert ReactorExceedsClaimable(controller, shares, claimable);
        // Cannot underflow: shares <= claimable = req.shares, and req.shares is part of
        // reservedShares while the request is matured.
        unchecked {
            if (shares == req.shares) delete _requests[controller];
            else _requests[controller].shares = req.shares - uint112(shares);
            _queue.reservedShares -= uint112(shares);
        }
        _ledger.debit(controller, shares);
        emit Transfer(controller, address(0), shares);
        emit Withdraw(msg.sender, receiver, controller, assets, shares);
        _asset.safeTransfer(receiver, assets);
    }

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert ERC20InvalidReceiver(to);
        uint256 balance = _ledger.positions[from].balance;
        if (value > balance) revert ERC20InsufficientBalance(from, balance, value);
        if (from == to) {
            // Nothing moves: the balance, its active part and the request stay as they are.
            emit Transfer(from, to, value);
            return;
        }
        _ledger.move(from, to, value);
        // Cannot underflow: checked above.
        unchecked {
            _reduceRequest(from, balance - value);
        }
        emit Transfer(from, to, value);
    }

    /// @dev Keeps a request within its owner's balance, releasing what it no longer needs from
    ///      whichever bucket holds it.
    function _reduceRequest(address controller, uint256 newBalance) private {
        Request memory req = _requests[controller];
        if (req.shares <= newBalance) return;
        // Cannot underflow or truncate: newBalance < req.shares, a uint112.
        uint112 cut;
        unchecked {
            cut = req.shares - uint112(newBalance);
        }
        _requests[controller].shares = uint112(newBalance);
        uint32 bookCycle = _ledger.index.cycle;
        if (req.cycle < bookCycle) _queue.reservedShares -= cut;
        else if (req.cycle == bookCycle) _queue.dueShares -= cut;
        else _dueNextShares -= cut;
        emit RedeemRequestReduced(controller, newBalance);
    }

    function _approve(address owner, address spender, uint256 value) private {
        if (spender == address(0)) revert ERC20InvalidSpender(spender);
        _allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    function _checkOperator(address controller) private view {
        if (msg.sender != controller && !_operators[controller][msg.sender]) {
            revert ReactorNotOperator(msg.sender, controller);
        }
    }

    function _claimable(Request memory req, uint32 bookCycle) private pure returns (uint256) {
        return req.cycle < bookCycle ? req.shares : 0;
    }

    /// @dev A lower bound of the time in uint32 (year 2106): past it the manager is always asked.
    function _quietUntil(uint256 cycleEnd) private pure returns (uint32) {
        return cycleEnd > type(uint32).max ? type(uint32).max : uint32(cycleEnd);
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    _hashedName,
                    DOMAIN_VERSION_HASH,
                    block.chainid,
                    address(this)
                )
            );
    }
}
