// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IWETH9
/// @notice The subset of canonical WETH9 (npm `@uniswap/v2-periphery/build/WETH9.json`) we call.
interface IWETH9 is IERC20 {
    /// @notice Wraps the ETH sent along into the same amount of WETH for the caller.
    function deposit() external payable;

    /// @notice Unwraps `amount` WETH of the caller into ETH sent to the caller.
    /// @param amount Wei to unwrap.
    function withdraw(uint256 amount) external;
}
