// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEmissionHook} from "../../../contracts/interfaces/IEmissionHook.sol";

/// @notice Test stand-in for the emissions contract that fails for one chosen Reactor: a fixed LP
///         reward per rollover for the others, and a record of what was handed back.
contract FlakyEmissionHook is IEmissionHook {
    error FlakyEmissionHookFailed(address reactor);

    uint256 public immutable rewardPerRollover;
    address public failFor;
    mapping(address reactor => uint256) public handedBack;

    constructor(uint256 rewardPerRollover_) {
        rewardPerRollover = rewardPerRollover_;
    }

    function setFailFor(address reactor) external {
        failFor = reactor;
    }

    function onReactorRollover(address reactor, uint32) external view returns (uint256) {
        if (reactor == failFor) revert FlakyEmissionHookFailed(reactor);
        return rewardPerRollover;
    }

    function onRewardUndistributed(address reactor, uint32, uint256 amount) external {
        handedBack[reactor] += amount;
    }
}
