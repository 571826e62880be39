// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {RoleGated} from "../core/RoleGated.sol";
import {IPricerPool} from "../interfaces/IPricerPool.sol";
import {IPricerRegistry} from "../interfaces/IPricerRegistry.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";

/// @title PricerRegistry
/// @notice Governance-registered, TOKE-bonded pricers and the markets they price (see
///         IPricerRegistry).
contract PricerRegistry is IPricerRegistry, RoleGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Most markets one pricer may be enabled on (bounds the work of `sync`).
    uint256 public constant MAX_MARKETS_PER_PRICER = 8;
    /// @notice Shortest unbonding delay: long enough for governance to see and slash.
    uint256 public constant MIN_UNBOND_DELAY = 1 days;
    /// @notice Longest unbonding delay.
    uint256 public constant MAX_UNBOND_DELAY = 60 days;
    /// @notice Treasury inflow label of slashed bonds.
    bytes32 public constant SLASH_SOURCE = keccak256("PRICER_SLASH");

    IERC20 private immutable _toke;
    ITreasury private immutable _treasury;

    uint256 private _minBond;
    uint256 private _unbondDelay;
    mapping(address pricer => Pricer) private _pricers;
    mapping(address pricer => address[] pools) private _marketsOf;
    mapping(address pool => bool listed) private _isMarket;
    address[] private _markets;

    /// @notice Wires the registry to the dependencies and parameters below (checked here).
    /// @param roles_       The protocol's role registry.
    /// @param toke_        The TOKE token bonded.
    /// @param treasury_    The Treasury slashes go to.
    /// @param minBond_     Smallest bond of an active pricer, in (0, 2**96).
    /// @param unbondDelay_ Seconds, in [MIN_UNBOND_DELAY, MAX_UNBOND_DELAY].
    constructor(
        IAccessControl roles_,
        IERC20 toke_,
        ITreasury treasury_,
        uint256 minBond_,
        uint256 unbondDelay_
    ) RoleGated(roles_) {
        if (address(toke_) == address(0) || address(treasury_) == address(0))
            revert PricerRegistryZeroAddress();
        _toke = toke_;
        _treasury = treasury_;
        _setMinBond(minBond_);
        _setUnbondDelay(unbondDelay_);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IPricerRegistry
    function register(address pricer_) external onlyGovernance {
        if (pricer_ == address(0)) revert PricerRegistryZeroAddress();
        Pricer storage p = _pricers[pricer_];
        if (p.registered) revert PricerRegistryRegistration(pricer_, true);
        p.registered = true;
        emit PricerRegistered(pricer_);
        _sync(pricer_);
    }

    /// @inheritdoc IPricerRegistry
    function deregister(address pricer_) external onlyGovernance {
        Pricer storage p = _registered(pricer_);
        p.registered = false;
        emit PricerDeregistered(pricer_);
        _sync(pricer_);
    }

    /// @inheritdoc IPricerRegistry
    function listMarket(address pool) external onlyGovernance {
        if (pool == address(0)) revert PricerRegistryZeroAddress();
        if (_isMarket[pool] || IPricerPool(pool).registry() != address(this))
            revert PricerRegistryMarket(pool, _isMarket[pool]);
        _isMarket[pool] = true;
        _markets.push(pool);
        emit MarketListed(pool);
    }

    /// @inheritdoc IPricerRegistry
    function enableMarket(address pricer_, address pool) external onlyGovernance {
        _registered(pricer_);
        if (!_isMarket[pool]) revert PricerRegistryMarket(pool, false);
        address[] storage list = _marketsOf[pricer_];
        if (_indexOf(list, pool) != type(uint256).max)
            revert PricerRegistryEnabled(pricer_, pool, true);
        if (list.length == MAX_MARKETS_PER_PRICER)
            revert PricerRegistryTooManyMarkets(pricer_, MAX_MARKETS_PER_PRICER);
        list.push(pool);
        emit MarketEnabled(pricer_, pool, true);
        IPricerPool(pool).setPricerActive(pricer_, isActive(pricer_));
    }

    /// @inheritdoc IPricerRegistry
    function disableMarket(address pricer_, address pool) external onlyGovernance {
        address[] storage list = _marketsOf[pricer_];
        uint256 i = _indexOf(list, pool);
        if (i == type(uint256).max) revert PricerRegistryEnabled(pricer_, pool, false);
        list[i] = list[list.length - 1];
        list.pop();
        emit MarketEnabled(pricer_, pool, false);
        IPricerPool(pool).setPricerActive(pricer_, false);
    }

    /// @inheritdoc IPricerRegistry
    function slash(
        address pricer_,
        address pool,
        uint256 amount
    ) external onlyGovernance nonReentrant returns (uint256 slashed) {
        if (!_isMarket[pool]) revert PricerRegistryMarket(pool, false);
        if (!IPricerPool(pool).isSlashable(pricer_))
            revert PricerRegistryNotSlashable(pricer_, pool);
        Pricer storage p = _pricers[pricer_];
        uint256 fromBond = amount < p.bond ? amount : p.bond;
        uint256 rest = amount - fromBond;
        uint256 fromUnbonding = rest < p.unbonding ? rest : p.unbonding;
        slashed = fromBond + fromUnbonding;
        if (slashed == 0) revert PricerRegistryBadAmount(amount);
        // Cannot underflow: each part is at most what it is taken from.
        unchecked {
            p.bond -= uint96(fromBond);
            p.unbonding -= uint96(fromUnbonding);
        }
        _toke.forceApprove(address(_treasury), slashed);
        _treasury.deposit(address(_toke), slashed, SLASH_SOURCE);
        emit Slashed(pricer_, pool, slashed);
        _sync(pricer_);
    }

    /// @inheritdoc IPricerRegistry
    function setMinBond(uint256 minBond_) external onlyGovernance {
        _setMinBond(minBond_);
    }

    /// @inheritdoc IPricerRegistry
    function setUnbondDelay(uint256 unbondDelay_) external onlyGovernance {
        _setUnbondDelay(unbondDelay_);
    }

    // ------------------------------------------------------------------ pricers

    /// @inheritdoc IPricerRegistry
    function bond(uint256 amount) external nonReentrant {
        Pricer storage p = _registered(msg.sender);
        uint256 total = _checkedAmount(amount) + p.bond;
        // Bond and unbonding together stay below 2**96, so neither can overflow later.
        if (total + p.unbonding > type(uint96).max) revert PricerRegistryBadAmount(total);
        uint256 before = _toke.balanceOf(address(this));
        _toke.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = _toke.balanceOf(address(this)) - before;
        if (received != amount) revert PricerRegistryTransferShortfall(amount, received);
        // Cannot truncate: checked just above.
        p.bond = uint96(total);
        emit Bonded(msg.sender, amount);
        _sync(msg.sender);
    }

    /// @inheritdoc IPricerRegistry
    function requestUnbond(uint256 amount) external {
        Pricer storage p = _pricers[msg.sender];
        if (_checkedAmount(amount) > p.bond)
            revert PricerRegistryInsufficientBond(msg.sender, amount, p.bond);
        // Cannot truncate or overflow: amount <= bond, and bond + unbonding < 2**96 (`bond`).
        unchecked {
            p.bond -= uint96(amount);
            p.unbonding += uint96(amount);
        }
        uint256 readyAt = block.timestamp + _unbondDelay;
        p.readyAt = uint40(readyAt);
        emit UnbondRequested(msg.sender, amount, readyAt);
        _sync(msg.sender);
    }

    /// @inheritdoc IPricerRegistry
    function withdrawUnbonded() external nonReentrant {
        Pricer storage p = _pricers[msg.sender];
        uint256 amount = p.unbonding;
        if (amount == 0) revert PricerRegistryBadAmount(0);
        if (block.timestamp < p.readyAt) revert PricerRegistryNotReady(p.readyAt, block.timestamp);
        p.unbonding = 0;
        _toke.safeTransfer(msg.sender, amount);
        emit Unbonded(msg.sender, amount);
    }

    /// @inheritdoc IPricerRegistry
    function sync(address pricer_) external {
        _sync(pricer_);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPricerRegistry
    function toke() external view returns (address) {
        return address(_toke);
    }

    /// @inheritdoc IPricerRegistry
    function treasury() external view returns (address) {
        return address(_treasury);
    }

    /// @inheritdoc IPricerRegistry
    function minBond() external view returns (uint256) {
        return _minBond;
    }

    /// @inheritdoc IPricerRegistry
    function unbondDelay() external view returns (uint256) {
        return _unbondDelay;
    }

    /// @inheritdoc IPricerRegistry
    function pricer(address pricer_) external view returns (Pricer memory) {
        return _pricers[pricer_];
    }

    /// @inheritdoc IPricerRegistry
    function isActive(address pricer_) public view returns (bool) {
        Pricer storage p = _pricers[pricer_];
        return p.registered && p.bond >= _minBond;
    }

    /// @inheritdoc IPricerRegistry
    function isMarket(address pool) external view returns (bool) {
        return _isMarket[pool];
    }

    /// @inheritdoc IPricerRegistry
    function markets() external view returns (address[] memory) {
        return _markets;
    }

    /// @inheritdoc IPricerRegistry
    function marketsOf(address pricer_) external view returns (address[] memory) {
        return _marketsOf[pricer_];
    }

    // ------------------------------------------------------------------ internal

    /// @dev Tells each of the pricer's markets (at most MAX_MARKETS_PER_PRICER) its activity.
    function _sync(address pricer_) private {
        bool active = isActive(pricer_);
        address[] storage list = _marketsOf[pricer_];
        uint256 count = list.length;
        for (uint256 i; i < count; ++i) {
            IPricerPool(list[i]).setPricerActive(pricer_, active);
        }
        emit PricerSynced(pricer_, active);
    }

    function _registered(address pricer_) private view returns (Pricer storage p) {
        p = _pricers[pricer_];
        if (!p.registered) revert PricerRegistryRegistration(pricer_, false);
    }

    function _checkedAmount(uint256 amount) private pure returns (uint256) {
        if (amount == 0 || amount > type(uint96).max) revert PricerRegistryBadAmount(amount);
        return amount;
    }

    function _indexOf(address[] storage list, address pool) private view returns (uint256) {
        uint256 count = list.length;
        for (uint256 i; i < count; ++i) {
            if (list[i] == pool) return i;
        }
        return type(uint256).max;
    }

    function _setMinBond(uint256 value) private {
        if (value == 0 || value > type(uint96).max)
            revert PricerRegistryBadSetting(value, 1, type(uint96).max);
        _minBond = value;
        emit MinBondSet(value);
    }

    function _setUnbondDelay(uint256 value) private {
        if (value < MIN_UNBOND_DELAY || value > MAX_UNBOND_DELAY)
            revert PricerRegistryBadSetting(value, MIN_UNBOND_DELAY, MAX_UNBOND_DELAY);
        _unbondDelay = value;
        emit UnbondDelaySet(value);
    }
}
