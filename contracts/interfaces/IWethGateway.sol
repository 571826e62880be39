// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IWethGateway
/// @notice Native-ether entry and exit for the WETH Reactor: wraps ether into a deposit, and
///         claims a matured request into ether. Holds nothing between calls.
/// @dev Warning: to claim through the gateway, the controller first makes it an ERC-7540
///      operator on the Reactor (`setOperator(gateway, true)`, else `WethGatewayNeedsOperator`);
///      the gateway only acts for a caller who is the controller or one of its operators. The
///      request itself is made on the Reactor (`requestRedeem`), which escrows the shares.
interface IWethGateway {
    /// @notice The Reactor's asset is not the WETH given.
    error WethGatewayNotWethReactor(address reactor, address weth);
    /// @notice `caller` is neither `controller` nor one of its operators on the Reactor.
    error WethGatewayNotOperator(address caller, address controller);
    /// @notice `controller` has not made the gateway its operator on the Reactor: call
    ///         `reactor.setOperator(gateway, true)` once (as `controller`), then claim here.
    error WethGatewayNeedsOperator(address controller, address gateway);
    /// @notice Ether came from someone other than WETH.
    error WethGatewayUnexpectedEther(address sender);

    /// @notice Wraps `msg.value` and deposits it for `receiver`.
    /// @return shares tAssets minted to `receiver`.
    function depositETH(address receiver) external payable returns (uint256 shares);

    /// @notice Claims `shares` of `controller`'s matured request and sends the ether to `receiver`.
    /// @return assets Ether sent.
    function redeemETH(
        uint256 shares,
        address receiver,
        address controller
    ) external returns (uint256 assets);

    /// @notice Claims `assets` worth of `controller`'s matured request as ether for `receiver`.
    /// @return shares tAssets burnt.
    function withdrawETH(
        uint256 assets,
        address receiver,
        address controller
    ) external returns (uint256 shares);
}
