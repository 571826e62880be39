// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IVenueRegistry} from "../interfaces/IVenueRegistry.sol";
import {VOTE_SLOTS, VoteTallyLib} from "../libraries/VoteTallyLib.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title VenueRegistry
/// @notice Per-Reactor venue ids allowed by governance, and the vote check (see IVenueRegistry).
contract VenueRegistry is IVenueRegistry, RoleGated {
    /// @notice Venues allowed on a Reactor at a time.
    uint256 public constant MAX_ALLOWED_VENUES = 8;
    /// @notice Venue slots of a Reactor over its lifetime.
    uint256 public constant MAX_VENUE_SLOTS = VOTE_SLOTS;

    /// @param allowedMask Bit i set: the venue in slot i is allowed.
    /// @param slotCount   Slots used so far.
    struct Set {
        uint16 allowedMask;
        uint8 slotCount;
    }

    struct Book {
        Set set;
        bytes32[VOTE_SLOTS] ids;
        // The venue's slot plus one (0: never allowed), with ALLOWED_FLAG while it is allowed: a
        // vote checks a venue with this one read, without the mask.
        mapping(bytes32 venue => uint256 entry) entries;
    }

    /// @dev Marks an allowed venue's entry; above any slot plus one (at most VOTE_SLOTS).
    uint256 private constant ALLOWED_FLAG = 1 << 8;
    uint256 private constant SLOT_MASK = ALLOWED_FLAG - 1;

    /// @notice The cycle manager whose Reactors get venues.
    ICycleManager public immutable manager;

    mapping(address reactor => Book) private _books;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param roles_   The protocol's role registry.
    /// @param manager_ The cycle manager.
    constructor(IAccessControl roles_, ICycleManager manager_) RoleGated(roles_) {
        manager = manager_;
    }

    /// @inheritdoc IVenueRegistry
    function allowVenue(address reactor, bytes32 venue) external onlyGovernance {
        if (venue == bytes32(0)) revert VenueRegistryZeroVenue();
        if (!manager.isReactor(reactor)) revert VenueRegistryNotReactor(reactor);
        Book storage b = _books[reactor];
        Set memory s = b.set;
        uint256 slotPlusOne = b.entries[venue] & SLOT_MASK;
        uint256 slot;
        if (slotPlusOne != 0) {
            slot = slotPlusOne - 1;
            if ((s.allowedMask >> slot) & 1 != 0) revert VenueRegistryVenueAllowed(reactor, venue);
        } else {
            if (s.slotCount == MAX_VENUE_SLOTS)
                revert VenueRegistryTooManyVenues(reactor, MAX_VENUE_SLOTS);
            slot = s.slotCount;
            ++s.slotCount;
            b.ids[slot] = venue;
        }
        if (_popCount(s.allowedMask) == MAX_ALLOWED_VENUES) {
            revert VenueRegistryTooManyVenues(reactor, MAX_ALLOWED_VENUES);
        }
        s.allowedMask |= uint16(1 << slot);
        b.set = s;
        b.entries[venue] = (slot + 1) | ALLOWED_FLAG;
        emit VenueAllowed(reactor, venue, slot);
    }

    /// @inheritdoc IVenueRegistry
    function disallowVenue(address reactor, bytes32 venue) external onlyGovernance {
        Book storage b = _books[reactor];
        uint256 entry = b.entries[venue];
        if (entry & ALLOWED_FLAG == 0) revert VenueRegistryVenueNotAllowed(reactor, venue);
        uint256 slotPlusOne = entry & SLOT_MASK;
        b.entries[venue] = slotPlusOne;
        b.set.allowedMask &= ~uint16(1 << (slotPlusOne - 1));
        emit VenueDisallowed(reactor, venue);
    }

    /// @inheritdoc IVenueRegistry
    function venues(
        address reactor
    ) external view returns (bytes32[] memory ids, bool[] memory allowed) {
        Book storage b = _books[reactor];
        Set memory s = b.set;
        ids = new bytes32[](s.slotCount);
        allowed = new bool[](s.slotCount);
        for (uint256 slot; slot < s.slotCount; ++slot) {
            ids[slot] = b.ids[slot];
            allowed[slot] = (s.allowedMask >> slot) & 1 != 0;
        }
    }

    /// @inheritdoc IVenueRegistry
    function allowedVenues(
        address reactor
    ) external view returns (bytes32[] memory ids, uint256[] memory slots) {
        Book storage b = _books[reactor];
        uint256 mask = b.set.allowedMask;
        uint256 count = _popCount(mask);
        ids = new bytes32[](count);
        slots = new uint256[](count);
        uint256 i;
        for (uint256 slot; mask >> slot != 0; ++slot) {
            if ((mask >> slot) & 1 == 0) continue;
            ids[i] = b.ids[slot];
            slots[i] = slot;
            ++i;
        }
    }

    /// @inheritdoc IVenueRegistry
    function slotOf(
        address reactor,
        bytes32 venue
    ) external view returns (bool known, uint256 slot, bool allowed) {
        Book storage b = _books[reactor];
        uint256 entry = b.entries[venue];
        if (entry == 0) return (false, 0, false);
        return (true, (entry & SLOT_MASK) - 1, entry & ALLOWED_FLAG != 0);
    }

    /// @inheritdoc IVenueRegistry
    function packVote(
        address reactor,
        bytes32[] calldata venueIds,
        uint16[] calldata shares
    ) external view returns (uint256 packed) {
        if (venueIds.length != shares.length)
            revert VenueRegistryLengthMismatch(venueIds.length, shares.length);
        Book storage b = _books[reactor];
        uint256 total;
        for (uint256 i; i < venueIds.length; ++i) {
            uint256 entry = b.entries[venueIds[i]];
            if (entry & ALLOWED_FLAG == 0)
                revert VenueRegistryVenueNotAllowed(reactor, venueIds[i]);
            uint256 slot = (entry & SLOT_MASK) - 1;
            uint256 bps = shares[i];
            if (bps == 0 || VoteTallyLib.shareOf(packed, slot) != 0) {
                revert VenueRegistryBadShare(venueIds[i], bps);
            }
            packed = VoteTallyLib.withShare(packed, slot, bps);
            total += bps;
        }
        if (total > VoteTallyLib.BPS) revert VenueRegistryOverVote(total);
    }

    function _popCount(uint256 mask) private pure returns (uint256 count) {
        for (; mask != 0; mask &= mask - 1) ++count;
    }
}
