// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A fee-on-transfer token (1% of every transfer is burnt): a weird-token test case.
contract TestFeeToken is ERC20 {
    uint256 private constant FEE_BPS = 100;
    uint256 private constant BPS = 10_000;

    constructor() ERC20("Fee token", "FEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = (value * FEE_BPS) / BPS;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
