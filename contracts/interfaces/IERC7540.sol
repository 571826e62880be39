// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IERC7575Share
/// @notice The part of ERC-7575 an ERC-7540 vault adds to ERC-4626: where the share token is.
interface IERC7575Share {
    /// @notice The share token of the vault (here the vault itself).
    function share() external view returns (address shareTokenAddress);
}

/// @title IERC7540Operator
/// @notice ERC-7540 operators: an operator may request and claim on behalf of a controller.
interface IERC7540Operator {
    /// @notice `controller` approved or revoked `operator`.
    event OperatorSet(address indexed controller, address indexed operator, bool approved);

    /// @notice Grants or revokes `operator` the right to manage requests of `msg.sender`.
    /// @return Always true (ERC-7540).
    function setOperator(address operator, bool approved) external returns (bool);

    /// @notice Whether `operator` may manage requests of `controller`.
    function isOperator(address controller, address operator) external view returns (bool status);
}

/// @title IERC7540Redeem
/// @notice ERC-7540 asynchronous redemption requests.
interface IERC7540Redeem {
    /// @notice `sender` requested the redemption of `shares` of `owner`, managed by `controller`.
    event RedeemRequest(
        address indexed controller,
        address indexed owner,
        uint256 indexed requestId,
        address sender,
        uint256 shares
    );

    /// @notice Requests the asynchronous redemption of `shares` of `owner`, claimable later by
    ///         `controller` through ERC-4626 `redeem`/`withdraw`.
    /// @return requestId The request's id.
    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256 requestId);

    /// @notice Shares of `controller`'s request that are not claimable yet.
    function pendingRedeemRequest(uint256 requestId, address controller) external view returns (uint256 pendingShares);

    /// @notice Shares of `controller`'s request that can be redeemed now.
    function claimableRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 claimableShares);
}
