// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestERC20
/// @notice A plain OpenZeppelin 5 ERC20 for tests, scripts and the local DEX world: anyone can
///         mint, and decimals are set at deployment so 6-decimal (USDC-like) assets can be modelled.
/// @dev Test-only: it lives under test/ so it is never part of a production deployment.
contract TestERC20 is ERC20 {
    uint8 private immutable _DECIMALS;

    /// @param name_     Token name.
    /// @param symbol_   Token symbol.
    /// @param decimals_ Number of decimals the token reports (18 for ETH-like, 6 for USDC-like).
    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _DECIMALS = decimals_;
    }

    /// @notice Mints `amount` tokens to `to`. Open to anyone: this is a test token.
    /// @param to     Recipient of the new tokens.
    /// @param amount Amount to mint, in the token's smallest unit.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _DECIMALS;
    }
}
