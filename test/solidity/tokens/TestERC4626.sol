// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// @notice A bare OpenZeppelin ERC-4626 vault: the gas baseline the Reactor is measured against.
contract TestERC4626 is ERC4626 {
    constructor(IERC20 asset_) ERC20("Baseline vault", "BASE") ERC4626(asset_) {}
}
