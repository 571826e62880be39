// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Amounts, prices and timestamps in these events are data, not search keys: indexing them would
// cost gas on every emit for no query anyone makes. Actors and ids are indexed.
// solhint-disable gas-indexed-events

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IStakingPool} from "./IStakingPool.sol";

/// @title IGenesisPool
/// @notice A staking pool for one DeGenesis overflow asset (WETH or USDC). DeGenesis deposits each
///         participant's overflow here at claim time. Until `privateUntil` only participants (the
///         accounts DeGenesis deposited for) may add stake; after it, anyone may. Every stake is
///         locked until `lockedUntil`, the pool's end. After the end each staker chooses: convert
///         the stake into the matching Reactor's tAsset (ERC-4626 deposit, once governance set
///         the Reactor) or withdraw the asset. Nothing converts without the staker's call, so a
///         Reactor that is never set cannot trap funds.
interface IGenesisPool is IStakingPool {
    /// @notice `account` is not a DeGenesis participant and the pool is private until `privateUntil`.
    error GenesisPoolPrivate(address account, uint256 privateUntil);
    /// @notice Stakes are locked until `lockedUntil`.
    error GenesisPoolLocked(uint256 lockedUntil);
    /// @notice Only the DeGenesis contract may deposit for participants; `caller` is not it.
    error GenesisPoolNotDepositor(address caller);
    /// @notice The schedule is invalid: need now <= privateUntil <= lockedUntil <= now + max.
    error GenesisPoolBadSchedule(uint256 privateUntil, uint256 lockedUntil);
    /// @notice The Reactor was already set to `reactor`.
    error GenesisPoolReactorAlreadySet(address reactor);
    /// @notice The Reactor's asset `reactorAsset` is not this pool's staking token.
    error GenesisPoolReactorAssetMismatch(address reactorAsset, address stakingToken);
    /// @notice No Reactor has been set yet.
    error GenesisPoolReactorNotSet();
    /// @notice The Reactor minted `shares`, fewer than the `minShares` the staker accepted.
    error GenesisPoolSlippage(uint256 shares, uint256 minShares);

    /// @notice DeGenesis deposited `amount` for participant `account`.
    /// @param account The participant credited.
    /// @param amount  Asset staked for it.
    event GenesisDeposited(address indexed account, uint256 amount);
    /// @notice Governance set the Reactor (ERC-4626 tAsset) that stakes convert into.
    /// @param reactor The ERC-4626 vault over this pool's asset.
    event ReactorSet(address indexed reactor);
    /// @notice `account` converted `assets` of stake into `shares` of the Reactor's tAsset.
    /// @param account The staker (and receiver of the shares).
    /// @param assets  Stake moved into the Reactor.
    /// @param shares  tAsset shares minted.
    event ConvertedToReactor(address indexed account, uint256 assets, uint256 shares);

    /// @notice The DeGenesis contract, the only account that may call `depositFor`.
    function depositor() external view returns (address);

    /// @notice Until this timestamp only participants may stake.
    function privateUntil() external view returns (uint256);

    /// @notice Until this timestamp no stake can leave the pool (the pool's end).
    function lockedUntil() external view returns (uint256);

    /// @notice Whether DeGenesis deposited for `account`.
    /// @param account Any account.
    function isParticipant(address account) external view returns (bool);

    /// @notice The Reactor stakes convert into, or zero while not set.
    function reactor() external view returns (IERC4626);

    /// @notice Stakes `amount` (pulled from DeGenesis) for `account` and marks it a participant.
    /// @dev Only the depositor. Not pausable: a DeGenesis claim must always go through.
    /// @param account The participant credited.
    /// @param amount  Asset pulled from DeGenesis.
    function depositFor(address account, uint256 amount) external;

    /// @notice Sets the Reactor (ERC-4626 vault over this pool's asset). Once only.
    /// @dev Only governance.
    /// @param newReactor ERC-4626 vault whose asset() is this pool's staking token.
    function setReactor(IERC4626 newReactor) external;

    /// @notice After the end, moves the caller's whole stake into the Reactor as tAsset shares
    ///         for the caller, settling rewards first (still claimable).
    /// @param minShares Fewest shares the caller accepts (guards against a manipulated vault).
    /// @return shares The tAsset shares minted to the caller.
    function convertToReactor(uint256 minShares) external returns (uint256 shares);
}
