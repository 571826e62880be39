// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IBalancerWeightedPool
/// @notice The part of a Balancer V2 weighted pool (v3 factory) the protocol calls. The pool is
///         also the ERC-20 of its BPT.
interface IBalancerWeightedPool {
    function getPoolId() external view returns (bytes32);

    /// @notice Token weights in the pool's token order, 18-decimal fractions summing to 1e18.
    function getNormalizedWeights() external view returns (uint256[] memory);

    /// @notice BPT supply including the protocol-fee BPT owed but not yet minted: the supply
    ///         that proportional joins and exits are priced against.
    function getActualSupply() external view returns (uint256);

    function totalSupply() external view returns (uint256);
    function balanceOf(address owner) external view returns (uint256);
}

/// @title IBalancerWeightedPoolFactory
/// @notice The registry check the protocol relies on: was a pool created by this factory (and so
///         runs the factory's audited code)?
interface IBalancerWeightedPoolFactory {
    function isPoolFromFactory(address pool) external view returns (bool);
}
