// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IVenueRegistry
/// @notice The venues each Reactor's liquidity may be deployed to, as governance-registered ids,
///         and the check of an LD vote against them.
///
///         A Reactor has 16 venue slots over its lifetime; a venue keeps its slot for good (so a
///         vote, stored per slot, can never drift to another venue) and at most 8 are allowed at
///         a time. A vote is packed as 16 shares of 16 bits (slot i in bits [16i, 16i + 16)).
interface IVenueRegistry {
    /// @notice A zero venue id was given.
    error VenueRegistryZeroVenue();
    /// @notice `reactor` is not registered with the cycle manager.
    error VenueRegistryNotReactor(address reactor);
    /// @notice `venue` is already allowed on `reactor`.
    error VenueRegistryVenueAllowed(address reactor, bytes32 venue);
    /// @notice `venue` is not allowed on `reactor` (unknown, or disallowed).
    error VenueRegistryVenueNotAllowed(address reactor, bytes32 venue);
    /// @notice `reactor` already has `max` allowed venues, or used its `max` slots.
    error VenueRegistryTooManyVenues(address reactor, uint256 max);
    /// @notice A vote names `venue` twice, or gives it a zero share.
    error VenueRegistryBadShare(bytes32 venue, uint256 share);
    /// @notice A vote's shares add up to `total` basis points, more than 10,000.
    error VenueRegistryOverVote(uint256 total);
    /// @notice A vote has `venues` venues but `shares` shares.
    error VenueRegistryLengthMismatch(uint256 venues, uint256 shares);

    /// @notice Governance allowed `venue` on `reactor`, in slot `slot`.
    event VenueAllowed(address indexed reactor, bytes32 indexed venue, uint256 slot);
    /// @notice Governance disallowed `venue` on `reactor`.
    event VenueDisallowed(address indexed reactor, bytes32 indexed venue);

    /// @notice Allows `venue` on `reactor` (governance): a known venue gets its slot back, a new
    ///         one takes the next free slot.
    function allowVenue(address reactor, bytes32 venue) external;

    /// @notice Disallows `venue` on `reactor` (governance). Votes naming it stop counting in the
    ///         allowed venues' weights; new votes may not name it.
    function disallowVenue(address reactor, bytes32 venue) external;

    /// @notice Every venue `reactor` ever allowed, by slot, and whether each is allowed now.
    function venues(address reactor) external view returns (bytes32[] memory ids, bool[] memory allowed);

    /// @notice The allowed venues of `reactor` and their slots.
    function allowedVenues(address reactor) external view returns (bytes32[] memory ids, uint256[] memory slots);

    /// @notice The slot of `venue` on `reactor`, and whether it is allowed now (`known` false: no slot).
    function slotOf(address reactor, bytes32 venue) external view returns (bool known, uint256 slot, bool allowed);

    /// @notice Checks a vote on `reactor` (`shares[i]` basis points to `venues[i]`, each allowed,
    ///         distinct and non-zero, at most 10,000 together) and returns it packed.
    function packVote(
        address reactor,
        bytes32[] calldata venues,
        uint16[] calldata shares
    ) external view returns (uint256 packed);
}
