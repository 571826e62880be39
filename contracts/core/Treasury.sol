// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IERC7540Redeem} from "../interfaces/IERC7540.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title Treasury
/// @notice Protocol-controlled value (see ITreasury).
contract Treasury is ITreasury, RoleGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The ERC-7540 request id (Reactors have one request per controller).
    uint256 private constant REQUEST_ID = 0;

    /// @dev A Reactor with `provided != 0` is one the Treasury is an LP of, for good.
    struct Liquidity {
        uint128 provided;
        uint128 returned;
    }

    address private _lossCover;
    ICycleManager private _manager;
    mapping(address asset => mapping(bytes32 source => uint256 amount)) private _inflows;
    mapping(address reactor => Liquidity) private _liquidity;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param roles_ The protocol's role registry.
    constructor(IAccessControl roles_) RoleGated(roles_) {}

    /// @inheritdoc ITreasury
    function deposit(address asset, uint256 amount, bytes32 source) external nonReentrant {
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 before = IERC20(asset).balanceOf(address(this));
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        // Counts what arrived, so a fee-on-transfer token cannot inflate the records.
        uint256 received = IERC20(asset).balanceOf(address(this)) - before;
        _inflows[asset][source] += received;
        emit InflowRecorded(asset, source, msg.sender, received);
    }

    /// @inheritdoc ITreasury
    function pay(address asset, address to, uint256 amount) external onlyGovernance nonReentrant {
        if (to == address(0)) revert TreasuryZeroAddress();
        _send(asset, to, amount);
        emit Paid(asset, to, amount);
    }

    /// @inheritdoc ITreasury
    function coverLoss(address asset, uint256 amount) external nonReentrant {
        if (msg.sender != _lossCover) revert TreasuryOnlyLossCover(msg.sender);
        _send(asset, msg.sender, amount);
        emit LossCovered(asset, msg.sender, amount);
    }

    /// @inheritdoc ITreasury
    function setLossCover(address lossCover_) external onlyGovernance {
        _lossCover = lossCover_;
        emit LossCoverSet(lossCover_);
    }

    /// @inheritdoc ITreasury
    function setCycleManager(address manager) external onlyGovernance {
        if (manager == address(0)) revert TreasuryZeroAddress();
        if (address(_manager) != address(0)) revert TreasuryManagerSet(address(_manager));
        _manager = ICycleManager(manager);
        emit CycleManagerSet(manager);
    }

    /// @inheritdoc ITreasury
    function provideLiquidity(
        address reactor,
        uint256 assets,
        uint256 minShares
    ) external onlyGovernance nonReentrant returns (uint256 shares) {
        _checkReactor(reactor);
        IERC20 asset = IERC20(IERC4626(reactor).asset());
        if (assets == 0) revert TreasuryZeroAmount();
        uint256 held = asset.balanceOf(address(this));
        if (assets > held) revert TreasuryInsufficientHoldings(address(asset), assets, held);
        Liquidity storage pcl = _liquidity[reactor];
        pcl.provided += SafeCast.toUint128(assets);
        asset.forceApprove(reactor, assets);
        shares = IERC4626(reactor).deposit(assets, address(this));
        if (shares < minShares) revert TreasurySlippage(shares, minShares);
        emit LiquidityProvided(reactor, assets, shares);
    }

    /// @inheritdoc ITreasury
    function requestWithdrawal(address reactor, uint256 shares) external onlyGovernance {
        _checkReactor(reactor);
        if (shares == 0) revert TreasuryZeroAmount();
        IERC7540Redeem(reactor).requestRedeem(shares, address(this), address(this));
        emit WithdrawalRequested(reactor, shares);
    }

    /// @inheritdoc ITreasury
    function completeWithdrawal(address reactor) external nonReentrant returns (uint256 assets) {
        Liquidity storage pcl = _liquidity[reactor];
        // Only a Reactor the Treasury provided to: no call into arbitrary contracts.
        if (pcl.provided == 0) revert TreasuryNotReactor(reactor);
        uint256 shares = IERC7540Redeem(reactor).claimableRedeemRequest(REQUEST_ID, address(this));
        if (shares == 0) revert TreasuryZeroAmount();
        assets = IERC4626(reactor).redeem(shares, address(this), address(this));
        pcl.returned += SafeCast.toUint128(assets);
        emit WithdrawalCompleted(reactor, msg.sender, shares, assets);
    }

    /// @inheritdoc ITreasury
    function cycleManager() external view returns (address) {
        return address(_manager);
    }

    /// @inheritdoc ITreasury
    function liquidityOf(
        address reactor
    ) external view returns (uint256 provided, uint256 returned) {
        Liquidity memory pcl = _liquidity[reactor];
        return (pcl.provided, pcl.returned);
    }

    /// @inheritdoc ITreasury
    function holdings(address asset) public view returns (uint256) {
        return IERC20(asset).balanceOf(address(this));
    }

    /// @inheritdoc ITreasury
    function inflows(address asset, bytes32 source) external view returns (uint256) {
        return _inflows[asset][source];
    }

    /// @inheritdoc ITreasury
    function lossCover() external view returns (address) {
        return _lossCover;
    }

    function _checkReactor(address reactor) private view {
        ICycleManager manager = _manager;
        if (address(manager) == address(0)) revert TreasuryManagerSet(address(0));
        if (!manager.isReactor(reactor)) revert TreasuryNotReactor(reactor);
    }

    function _send(address asset, address to, uint256 amount) private {
        if (amount == 0) revert TreasuryZeroAmount();
        // PCL tAssets leave only through the Reactor's exit, into the Treasury.
        if (_liquidity[asset].provided != 0) revert TreasuryPclShares(asset);
        uint256 held = holdings(asset);
        if (amount > held) revert TreasuryInsufficientHoldings(asset, amount, held);
        IERC20(asset).safeTransfer(to, amount);
    }
}
