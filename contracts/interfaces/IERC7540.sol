// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IERC7575Share
/// @notice The part of ERC-7575 an ERC-7540 vault adds to ERC-4626: where the share token is.
interface IERC7575Share {
    /// @notice The share token of the vault (here the vault itself).
    function share() external view returns (address shareTokenAddress);
}

/// @title IERC7575ShareToken
/// @notice The share token's side of ERC-7575: which vault serves an asset.
interface IERC7575ShareToken {
    /// @notice `vault` now serves `asset` for this share.
    event VaultUpdate(address indexed asset, address vault);

    /// @notice The vault of `asset` for this share (zero for any asset it has none for).
    function vault(address asset) external view returns (address vault);
}

/// @title IERC7887Redeem
/// @notice ERC-7887 cancellation of a pending redemption request.
interface IERC7887Redeem {
    /// @notice `sender` asked to cancel `controller`'s pending request `requestId`.
    event CancelRedeemRequest(
        address indexed controller,
        uint256 indexed requestId,
        address sender
    );
    /// @notice `sender` claimed `shares` of `controller`'s cancelled request for `receiver`.
    event CancelRedeemClaim(
        address indexed controller,
        address indexed receiver,
        uint256 indexed requestId,
        address sender,
        uint256 shares
    );

    /// @notice Cancels the whole pending (not yet matured) part of `controller`'s request.
    function cancelRedeemRequest(uint256 requestId, address controller) external;

    /// @notice Whether a cancellation of `controller`'s request is pending (never: they are
    ///         claimable at once).
    function pendingCancelRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (bool isPending);

    /// @notice Shares of `controller`'s cancelled requests ready to be claimed back.
    function claimableCancelRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 shares);

    /// @notice Sends `controller`'s cancelled shares to `receiver`.
    function claimCancelRedeemRequest(
        uint256 requestId,
        address receiver,
        address controller
    ) external returns (uint256 shares);
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
    function requestRedeem(
        uint256 shares,
        address controller,
        address owner
    ) external returns (uint256 requestId);

    /// @notice Shares of `controller`'s request that are not claimable yet.
    function pendingRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 pendingShares);

    /// @notice Shares of `controller`'s request that can be redeemed now.
    function claimableRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 claimableShares);
}
