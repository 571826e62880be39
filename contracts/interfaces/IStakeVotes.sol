// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IStakeListener
/// @notice What the stake-votes source tells a listener (the fee distributor) about LD stake.
interface IStakeListener {
    /// @notice `account`'s units on `reactor` go from `oldUnits` to `newUnits`; a unit is worth
    ///         `rate` / 1e18 TOKE.
    function unitsChanged(
        address reactor,
        address account,
        uint256 oldUnits,
        uint256 newUnits,
        uint256 rate
    ) external;

    /// @notice A slash lowered the value of a unit of `reactor` to `rate` / 1e18 TOKE.
    function rateChanged(address reactor, uint256 rate) external;
}

/// @title IStakeVotes
/// @notice Governance weight of TOKE staked in LD staking. LD staking reports every change of an
///         account's units on a Reactor (stake plus open unstake request, so staking and asking
///         to unstake never cost weight) and every slash; this source checkpoints them on the
///         timestamp clock. An account's weight at a past timestamp is the sum over Reactors of
///         its units times the unit's TOKE value then. The TOKE itself sits in LD staking, which
///         never delegates its ERC20Votes weight, so the same token never counts twice.
///         It also keeps, per slash, what each account held (keyed by the Reactor's slash count),
///         so a compensation can pay pro rata to what was lost, and it forwards every change to an
///         optional listener (the fee distributor).
/// @dev Warning: it must be hooked into LD staking before anyone stakes; stake made before that
///      counts only once its owner's units change again.
/// @dev Warning: staked weight belongs to the staker and cannot be delegated (LD venue-vote
///      delegation moves no governance weight).
interface IStakeVotes {
    /// @notice A slash of the stake on a Reactor.
    /// @param reactor The Reactor whose LD stake was slashed.
    /// @param epoch   The Reactor's slash count before this slash (the key of holdings at it).
    /// @param time    When, unix seconds.
    /// @param units   Units on the Reactor at the slash (stake plus open requests).
    /// @param slashed TOKE taken.
    struct Slash {
        address reactor;
        uint32 epoch;
        uint48 time;
        uint256 units;
        uint256 slashed;
    }

    /// @notice `caller` is not LD staking.
    error StakeVotesOnlyStaking(address caller);
    /// @notice A zero address was given.
    error StakeVotesZeroAddress();
    /// @notice The listener is already set.
    error StakeVotesListenerSet(address listener);
    /// @notice `timepoint` is not in the past (now: `clock`).
    error StakeVotesFutureLookup(uint256 timepoint, uint48 clock);
    /// @notice More than `max` Reactors would be tracked.
    error StakeVotesTooManyReactors(uint256 max);
    /// @notice There is no slash `slashId`.
    error StakeVotesUnknownSlash(uint256 slashId);

    /// @notice `account`'s units on `reactor` are now `units`.
    event StakeCheckpointed(address indexed reactor, address indexed account, uint256 units);
    /// @notice Slash `slashId` of `reactor` took `slashed` TOKE; a unit is now worth `rate` / 1e18.
    event SlashRecorded(
        uint256 indexed slashId,
        address indexed reactor,
        uint256 slashed,
        uint256 rate
    );
    /// @notice Governance set the listener.
    event ListenerSet(address indexed listener);

    /// @notice LD staking reports that `account` now holds `units` on `reactor` (LD staking only).
    function stakeChanged(address reactor, address account, uint256 units) external;

    /// @notice LD staking reports a slash of `slashed` TOKE on `reactor`, leaving a unit worth
    ///         `rate` / 1e18 TOKE (LD staking only).
    function stakeSlashed(address reactor, uint256 slashed, uint256 rate) external;

    /// @notice Sets the listener, once (governance).
    function setListener(address listener) external;

    /// @notice LD staking, the only reporter.
    function staking() external view returns (address);

    /// @notice The listener (zero: none).
    function listener() external view returns (address);

    /// @notice The Reactors that have been reported, in order of first report.
    function reactors() external view returns (address[] memory);

    /// @notice The current clock (ERC-6372): the block timestamp.
    function clock() external view returns (uint48);

    // ERC-6372 fixes this name.
    // solhint-disable func-name-mixedcase
    /// @notice The clock's mode (ERC-6372): `mode=timestamp`.
    function CLOCK_MODE() external view returns (string memory);
    // solhint-enable func-name-mixedcase

    /// @notice Staked TOKE whose governance weight `account` holds now.
    function getVotes(address account) external view returns (uint256);

    /// @notice Staked TOKE whose governance weight `account` held at the end of `timepoint`.
    /// @dev Reverts for a timepoint that is not in the past.
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);

    /// @notice `account`'s units on `reactor` now.
    function unitsOf(address reactor, address account) external view returns (uint256);

    /// @notice The TOKE value of a unit of `reactor` now, 1e18 = 1 TOKE.
    function rateOf(address reactor) external view returns (uint256);

    /// @notice How many slashes have been recorded.
    function slashCount() external view returns (uint256);

    /// @notice Slash `slashId`.
    function slashAt(uint256 slashId) external view returns (Slash memory);

    /// @notice Units `account` held on the Reactor of slash `slashId` when it happened.
    function unitsAtSlash(uint256 slashId, address account) external view returns (uint256);
}
