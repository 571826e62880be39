// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title Toke
/// @notice The protocol token: fixed supply minted once at deployment, ERC-2612 permit, and
///         ERC20Votes checkpoints on a timestamp clock (ERC-6372) so that cycles, which are
///         measured in seconds, and vote snapshots share one time base.
/// @dev There is no mint after construction and no owner.
contract Toke is ERC20, ERC20Permit, ERC20Votes {
    /// @notice The recipients and amounts arrays differ in length, or are empty.
    error TokeBadAllocation(uint256 recipients, uint256 amounts);

    /// @notice Mints the whole, fixed supply to `recipients`.
    /// @param recipients Who receives the supply (Treasury, emissions reserve, launch sale, ...).
    /// @param amounts    How much each recipient receives, in wei (18 decimals).
    constructor(
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20("Tokemak Reactor Token", "TOKE") ERC20Permit("Tokemak Reactor Token") {
        if (recipients.length != amounts.length || recipients.length == 0) {
            revert TokeBadAllocation(recipients.length, amounts.length);
        }
        for (uint256 i; i < recipients.length; ++i) {
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @inheritdoc Votes
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    // ERC-6372 fixes this name.
    // solhint-disable func-name-mixedcase
    /// @inheritdoc Votes
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
