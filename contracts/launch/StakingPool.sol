// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {StakingPoolBase} from "./StakingPoolBase.sol";

/// @title StakingPool
/// @notice A public launch pool: anyone stakes TOKE or a TOKE/WETH LP token (SushiSwap or
///         Uniswap V2) and earns TOKE; withdrawals are open at any time. One deployment per token.
contract StakingPool is StakingPoolBase {
    /// @notice Deploys a public pool over `stakingToken_`.
    /// @param stakingToken_ TOKE, or a TOKE/WETH pair's LP token.
    /// @param rewardToken_  TOKE.
    /// @param governance    Admin (timelock).
    /// @param guardian      May pause new stakes.
    constructor(
        IERC20 stakingToken_,
        IERC20 rewardToken_,
        address governance,
        address guardian
    ) StakingPoolBase(stakingToken_, rewardToken_, governance, guardian) {}
}
