// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC7575ShareToken} from "./IERC7540.sol";

/// @title IReactorToken
/// @notice The tAsset as a token: ERC-20 with ERC-2612 permits, its EIP-712 domain published
///         through EIP-5267, and the ERC-7575 share side (`vault(asset)` is the Reactor itself).
/// @dev Warning: shares under a redemption request are escrowed in the Reactor's own balance
///      (`balanceOf(reactor)`); nobody can transfer tAssets to the Reactor's address.
interface IReactorToken is
    IERC20Metadata,
    IERC20Permit,
    IERC5267,
    IERC20Errors,
    IERC7575ShareToken
{
    /// @notice A permit signed until `deadline` has expired.
    error ERC2612ExpiredSignature(uint256 deadline);
    /// @notice A permit was signed by `signer`, not by `owner`.
    error ERC2612InvalidSigner(address signer, address owner);
}
