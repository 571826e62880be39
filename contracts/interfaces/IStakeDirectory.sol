// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IStakeDirectory
/// @notice What the liquidity allocator needs from LD staking: the venue votes of a Reactor and
///         the loss waterfall's slash of its LD stake. LD staking implements it.
interface IStakeDirectory {
    /// @notice The allowed venues of `reactor` and their active tallies (stake wei x basis
    ///         points), as the rollover reads them.
    function venueWeights(address reactor) external view returns (bytes32[] memory ids, uint256[] memory weights);

    /// @notice Takes up to `amount` TOKE from the LD stake on `reactor`, pro rata for every staker
    ///         (requests to unstake included), and sends it to `to`. Only the allocator (the
    ///         registered slasher) may call it.
    /// @return slashed TOKE actually taken: `amount`, or all the stake if there is less.
    function slash(address reactor, uint256 amount, address to) external returns (uint256 slashed);
}
