// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title Roles
/// @notice The role ids, usable as `Roles.GOVERNANCE` from any contract.
library Roles {
    /// @notice Parameter changes, registrations and payouts (a timelock in deployments).
    bytes32 internal constant GOVERNANCE = keccak256("GOVERNANCE_ROLE");
    /// @notice Pauses deposits and venue moves; can never move funds.
    bytes32 internal constant GUARDIAN = keccak256("GUARDIAN_ROLE");
    /// @notice Runs keeper jobs that may pass tighter bounds than the permissionless path.
    bytes32 internal constant KEEPER = keccak256("KEEPER_ROLE");
}

/// @title ProtocolRoles
/// @notice The one registry of who may do what. Contracts inherit `RoleGated` and ask this
///         registry, so a role is granted or revoked in one place for the whole protocol.
/// @dev GOVERNANCE_ROLE is meant for an OpenZeppelin TimelockController; it administers every
///      role, including itself. DEFAULT_ADMIN_ROLE is never granted.
contract ProtocolRoles is AccessControl {
    /// @notice See `Roles.GOVERNANCE`.
    bytes32 public constant GOVERNANCE_ROLE = Roles.GOVERNANCE;
    /// @notice See `Roles.GUARDIAN`.
    bytes32 public constant GUARDIAN_ROLE = Roles.GUARDIAN;
    /// @notice See `Roles.KEEPER`.
    bytes32 public constant KEEPER_ROLE = Roles.KEEPER;

    /// @notice The initial governance address is zero.
    error ProtocolRolesZeroGovernance();

    /// @param governance First holder of GOVERNANCE_ROLE (a timelock, or a deployer that hands
    ///                   the role to the timelock and renounces it).
    constructor(address governance) {
        if (governance == address(0)) revert ProtocolRolesZeroGovernance();
        _setRoleAdmin(GOVERNANCE_ROLE, GOVERNANCE_ROLE);
        _setRoleAdmin(GUARDIAN_ROLE, GOVERNANCE_ROLE);
        _setRoleAdmin(KEEPER_ROLE, GOVERNANCE_ROLE);
        _grantRole(GOVERNANCE_ROLE, governance);
    }
}
