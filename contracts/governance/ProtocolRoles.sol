// SPDX-License-Identifier: MIT
// The role ids live beside the registry that grants them, so one import brings both.
// solhint-disable one-contract-per-file
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";

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
///      role, including itself. DEFAULT_ADMIN_ROLE is never granted. Members are enumerable, so
///      anyone can list who holds what, and `handOver` can clear a role in one call.
contract ProtocolRoles is AccessControlEnumerable {
    /// @notice See `Roles.GOVERNANCE`.
    bytes32 public constant GOVERNANCE_ROLE = Roles.GOVERNANCE;
    /// @notice See `Roles.GUARDIAN`.
    bytes32 public constant GUARDIAN_ROLE = Roles.GUARDIAN;
    /// @notice See `Roles.KEEPER`.
    bytes32 public constant KEEPER_ROLE = Roles.KEEPER;

    /// @notice The initial governance address is zero.
    error ProtocolRolesZeroGovernance();
    /// @notice A hand-over to a zero governance, guardian or keeper.
    error ProtocolRolesZeroHandOver(address governance, address guardian, address keeper);

    /// @notice `by` handed the protocol over: `governance`, `guardian` and `keeper` are now the
    ///         only holders of their roles.
    event HandedOver(
        address indexed by,
        address indexed governance,
        address indexed guardian,
        address keeper
    );

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param governance First holder of GOVERNANCE_ROLE (a timelock, or a deployer that hands
    ///                   the role to the timelock and renounces it).
    constructor(address governance) {
        if (governance == address(0)) revert ProtocolRolesZeroGovernance();
        _setRoleAdmin(GOVERNANCE_ROLE, GOVERNANCE_ROLE);
        _setRoleAdmin(GUARDIAN_ROLE, GOVERNANCE_ROLE);
        _setRoleAdmin(KEEPER_ROLE, GOVERNANCE_ROLE);
        _grantRole(GOVERNANCE_ROLE, governance);
    }

    /// @notice Makes `governance`, `guardian` and `keeper` the sole holders of GOVERNANCE_ROLE,
    ///         GUARDIAN_ROLE and KEEPER_ROLE, revoking everyone else (the caller included, unless
    ///         it is `governance`). Governance only: the DAO's hand-over, one call.
    /// @param governance The DAO's timelock.
    /// @param guardian   The guardian the DAO appoints.
    /// @param keeper     The keeper the DAO appoints.
    function handOver(
        address governance,
        address guardian,
        address keeper
    ) external onlyRole(GOVERNANCE_ROLE) {
        if (governance == address(0) || guardian == address(0) || keeper == address(0)) {
            revert ProtocolRolesZeroHandOver(governance, guardian, keeper);
        }
        _makeSole(GOVERNANCE_ROLE, governance);
        _makeSole(GUARDIAN_ROLE, guardian);
        _makeSole(KEEPER_ROLE, keeper);
        emit HandedOver(msg.sender, governance, guardian, keeper);
    }

    /// @dev Grants `role` to `holder` and revokes it from every other member. Members are few
    ///      (set by governance), so the loop is bounded in practice.
    function _makeSole(bytes32 role, address holder) private {
        _grantRole(role, holder);
        // From the end: revoking swaps the last member into the freed slot.
        for (uint256 i = getRoleMemberCount(role); i > 0; --i) {
            address member = getRoleMember(role, i - 1);
            if (member != holder) _revokeRole(role, member);
        }
    }
}
