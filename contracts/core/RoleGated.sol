// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Roles} from "../governance/ProtocolRoles.sol";

/// @title RoleGated
/// @notice Base for every protocol contract with privileged functions: the role checks ask the
///         shared `ProtocolRoles` registry.
abstract contract RoleGated {
    /// @notice The protocol's role registry.
    IAccessControl public immutable roles;

    /// @notice `caller` lacks `role`.
    error RoleGatedUnauthorized(address caller, bytes32 role);
    /// @notice The role registry address is zero.
    error RoleGatedZeroRoles();

    modifier onlyGovernance() {
        _checkRole(Roles.GOVERNANCE);
        _;
    }

    modifier onlyGuardian() {
        _checkRole(Roles.GUARDIAN);
        _;
    }

    modifier onlyKeeper() {
        _checkRole(Roles.KEEPER);
        _;
    }

    /// @param roles_ The protocol's `ProtocolRoles` registry.
    constructor(IAccessControl roles_) {
        if (address(roles_) == address(0)) revert RoleGatedZeroRoles();
        roles = roles_;
    }

    function _checkRole(bytes32 role) internal view {
        if (!roles.hasRole(role, msg.sender)) revert RoleGatedUnauthorized(msg.sender, role);
    }
}
