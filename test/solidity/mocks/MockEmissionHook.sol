// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEmissionHook} from "../../../contracts/interfaces/IEmissionHook.sol";

/// @notice Test stand-in for the emissions contract (built in another issue): returns a fixed LP
///         reward per Reactor rollover and records what it was told.
contract MockEmissionHook is IEmissionHook {
    uint256 public rewardPerRollover;
    uint256 public calls;
    uint256 public undistributedTotal;
    address public lastReactor;
    uint32 public lastCycle;

    function setRewardPerRollover(uint256 reward) external {
        rewardPerRollover = reward;
    }

    function onReactorRollover(address reactor, uint32 closingCycle) external returns (uint256) {
        ++calls;
        lastReactor = reactor;
        lastCycle = closingCycle;
        return rewardPerRollover;
    }

    function onRewardUndistributed(address, uint32, uint256 amount) external {
        undistributedTotal += amount;
    }
}
