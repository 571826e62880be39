// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title Treasury
/// @notice Protocol-controlled value (see ITreasury).
contract Treasury is ITreasury, RoleGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    address private _lossCover;
    mapping(address asset => mapping(bytes32 source => uint256 amount)) private _inflows;

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

    function _send(address asset, address to, uint256 amount) private {
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 held = holdings(asset);
        if (amount > held) revert TreasuryInsufficientHoldings(asset, amount, held);
        IERC20(asset).safeTransfer(to, amount);
    }
}
