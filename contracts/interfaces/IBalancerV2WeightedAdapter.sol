// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVenueAdapter} from "./IVenueAdapter.sol";

/// @title IBalancerV2WeightedAdapter
/// @notice A venue adapter for Balancer V2 two-token 50/50 weighted pools: joins with
///         EXACT_TOKENS_IN_FOR_BPT_OUT, exits with EXACT_BPT_IN_FOR_TOKENS_OUT, through the Vault.
///         Balancer has no pair registry, so governance registers the pool to use for each pair;
///         a registration is final (the adapter may hold BPT of that pool). Governance is the
///         GOVERNANCE role of the protocol's role registry.
/// @dev Warning: only pools created by the weighted-pool factory fixed at construction, with
///      exactly the pair's two tokens and equal weights, are accepted.
/// @dev Warning: a position's value is read from the Vault's balances, which are inconsistent
///      with the BPT supply in the middle of a join or exit; every value read first checks that
///      the Vault is not mid-operation (its reentrancy guard) and reverts if it is.
interface IBalancerV2WeightedAdapter is IVenueAdapter {
    /// @notice The pool is not a two-token 50/50 weighted pool of exactly (token, base) from the
    ///         trusted factory.
    error BalancerV2WeightedAdapterBadPool(bytes32 poolId, address token, address base);
    /// @notice The pair already has a pool; registrations are final.
    error BalancerV2WeightedAdapterPoolAlreadyRegistered(address token, address base, bytes32 poolId);
    /// @notice A value read happened while the Vault was in the middle of an operation.
    error BalancerV2WeightedAdapterVaultReentered();

    /// @notice Governance set `poolId` as the pool for (token, base).
    event PoolRegistered(address indexed token, address indexed base, bytes32 indexed poolId);

    /// @notice The Balancer V2 Vault.
    function vault() external view returns (address);

    /// @notice The weighted-pool factory whose pools may be registered.
    function poolFactory() external view returns (address);

    /// @notice The pool registered for (token, base), or zero.
    function poolIdOf(address token, address base) external view returns (bytes32);

    /// @notice Registers `poolId` as the pool for (token, base) and approves the Vault to pull
    ///         both tokens from this adapter. Only callable by governance (RoleGatedUnauthorized
    ///         otherwise); final.
    /// @param token  The Reactor asset.
    /// @param base   The base asset it is paired with.
    /// @param poolId A two-token 50/50 pool of (token, base) from `poolFactory`.
    function registerPool(address token, address base, bytes32 poolId) external;
}
