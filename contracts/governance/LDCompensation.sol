// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ILDCompensation} from "../interfaces/ILDCompensation.sol";
import {IStakeVotes} from "../interfaces/IStakeVotes.sol";
import {RoleGated} from "../core/RoleGated.sol";

/// @title LDCompensation
/// @notice Compensation of slashed LDs, pro rata to their losses (see ILDCompensation).
contract LDCompensation is ILDCompensation, RoleGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    IERC20 private immutable _token;
    IStakeVotes private immutable _source;

    /// @inheritdoc ILDCompensation
    uint256 public committed;

    mapping(uint256 slashId => uint256 amount) private _funded;
    mapping(uint256 slashId => mapping(address account => uint256 amount)) private _claimed;

    /// @notice Wires the contract (checked here).
    /// @param roles_  The protocol's role registry.
    /// @param token_  TOKE, the token paid.
    /// @param source_ The stake-votes source (slash records and holdings at each slash).
    constructor(IAccessControl roles_, IERC20 token_, IStakeVotes source_) RoleGated(roles_) {
        if (address(token_) == address(0) || address(source_) == address(0)) {
            revert LDCompensationZero();
        }
        _token = token_;
        _source = source_;
    }

    /// @inheritdoc ILDCompensation
    function fund(uint256[] calldata slashIds, uint256 amount) external onlyGovernance {
        if (amount == 0 || slashIds.length == 0) revert LDCompensationZero();
        uint256 available = _token.balanceOf(address(this)) - committed;
        if (amount > available) revert LDCompensationUnfunded(amount, available);
        uint256 lost;
        for (uint256 i; i < slashIds.length; ++i) {
            IStakeVotes.Slash memory s = _source.slashAt(slashIds[i]);
            uint256 slashed = s.units == 0 ? 0 : s.slashed;
            if (slashed == 0) revert LDCompensationNoLoss(slashIds[i]);
            lost += slashed;
        }
        uint256 total;
        for (uint256 i; i < slashIds.length; ++i) {
            // Rounded down: the parts never add up to more than `amount`.
            uint256 part = Math.mulDiv(amount, _source.slashAt(slashIds[i]).slashed, lost);
            _funded[slashIds[i]] += part;
            total += part;
            emit Funded(slashIds[i], part);
        }
        committed += total;
    }

    /// @inheritdoc ILDCompensation
    function claim(
        uint256[] calldata slashIds,
        address receiver
    ) external nonReentrant returns (uint256 amount) {
        if (receiver == address(0)) revert LDCompensationZero();
        for (uint256 i; i < slashIds.length; ++i) {
            uint256 owed = claimable(slashIds[i], msg.sender);
            if (owed == 0) continue;
            _claimed[slashIds[i]][msg.sender] += owed;
            amount += owed;
            emit Claimed(slashIds[i], msg.sender, receiver, owed);
        }
        if (amount == 0) return 0;
        committed -= amount;
        _token.safeTransfer(receiver, amount);
    }

    /// @inheritdoc ILDCompensation
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc ILDCompensation
    function source() external view returns (address) {
        return address(_source);
    }

    /// @inheritdoc ILDCompensation
    function fundedOf(uint256 slashId) external view returns (uint256) {
        return _funded[slashId];
    }

    /// @inheritdoc ILDCompensation
    function claimable(uint256 slashId, address account) public view returns (uint256) {
        uint256 funded = _funded[slashId];
        if (funded == 0) return 0;
        IStakeVotes.Slash memory s = _source.slashAt(slashId);
        // The holders' units at the slash add up to `s.units`, so the shares add up to at most
        // `funded` (each rounded down).
        uint256 share = Math.mulDiv(funded, _source.unitsAtSlash(slashId, account), s.units);
        return share - _claimed[slashId][account];
    }
}
