// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Receives the hook of a TestHookToken transfer.
interface ITokenHookReceiver {
    function onTokenTransfer(address from, address to, uint256 value) external;
}

/// @notice An ERC-20 with ERC-777-style transfer hooks: every transfer from or to the registered
///         `hooked` account calls it back before the balances change (sender side) or after
///         they change (receiver side), so that account can try to reenter the caller.
contract TestHookToken is ERC20 {
    address public hooked;

    constructor() ERC20("Hook token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHooked(address account) external {
        hooked = account;
    }

    function _update(address from, address to, uint256 value) internal override {
        address h = hooked;
        if (h != address(0) && from == h) ITokenHookReceiver(h).onTokenTransfer(from, to, value);
        super._update(from, to, value);
        if (h != address(0) && to == h && from != address(0)) ITokenHookReceiver(h).onTokenTransfer(from, to, value);
    }
}
