// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IStakeDirectory} from "../../../contracts/interfaces/IStakeDirectory.sol";

/// @notice Stands in for LD staking (not merged on this branch yet) in the venue tests: votes are
///         set directly as tallies, stake is real TOKE held per Reactor, and `slash` takes it the
///         way the staking contract's slash hook must (up to the stake, only from the slasher).
contract MockStakeDirectory is IStakeDirectory {
    using SafeERC20 for IERC20;

    error MockStakeDirectoryOnlySlasher(address caller);

    IERC20 private immutable _toke;
    address public slasher;
    mapping(address reactor => bytes32[]) private _ids;
    mapping(address reactor => uint256[]) private _weights;
    mapping(address reactor => uint256) public stakeOf;

    constructor(IERC20 toke) {
        _toke = toke;
    }

    function setSlasher(address slasher_) external {
        slasher = slasher_;
    }

    function setVotes(address reactor, bytes32[] calldata ids, uint256[] calldata weights) external {
        _ids[reactor] = ids;
        _weights[reactor] = weights;
    }

    function stake(address reactor, uint256 amount) external {
        _toke.safeTransferFrom(msg.sender, address(this), amount);
        stakeOf[reactor] += amount;
    }

    function venueWeights(address reactor) external view returns (bytes32[] memory, uint256[] memory) {
        return (_ids[reactor], _weights[reactor]);
    }

    function slash(address reactor, uint256 amount, address to) external returns (uint256 slashed) {
        if (msg.sender != slasher) revert MockStakeDirectoryOnlySlasher(msg.sender);
        uint256 staked = stakeOf[reactor];
        slashed = amount < staked ? amount : staked;
        stakeOf[reactor] = staked - slashed;
        _toke.safeTransfer(to, slashed);
    }
}
