// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC7540Redeem} from "../../../contracts/interfaces/IERC7540.sol";

/// @notice An integrator written from the ERC-7540 text only: it files a redemption request for
///         its caller (owner = controller = the user), authorised by the user's ERC-20 allowance
///         to the router; the user then claims directly from the vault. Test-only.
contract RedeemRouter {
    /// @notice Requests `shares` of the caller's shares on `vault`, the caller as controller.
    function requestFor(address vault, uint256 shares) external returns (uint256 requestId) {
        requestId = IERC7540Redeem(vault).requestRedeem(shares, msg.sender, msg.sender);
    }
}
