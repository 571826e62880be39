// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IWETH9
/// @notice The wrapped-ether functions of the canonical WETH9 contract.
interface IWETH9 is IERC20 {
    /// @notice Wraps `msg.value` ether into WETH for `msg.sender`.
    function deposit() external payable;

    /// @notice Unwraps `amount` WETH of `msg.sender` into ether sent to `msg.sender`.
    function withdraw(uint256 amount) external;
}
