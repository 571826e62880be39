// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {IWethGateway} from "../interfaces/IWethGateway.sol";
import {IWETH9} from "../interfaces/external/IWETH9.sol";

/// @title WethGateway
/// @notice Native ether in and out of the WETH Reactor (see IWethGateway).
/// @dev A separate contract rather than payable functions on a WETH-specific Reactor: every
///      Reactor stays one audited bytecode with no ether handling, and the gateway uses only the
///      Reactor's public ERC-4626/7540 surface (deposit for a receiver, claim as an operator), so
///      it cannot do anything a user could not do directly.
contract WethGateway is IWethGateway {
    /// @notice The WETH Reactor.
    IReactor public immutable reactor;
    /// @notice The WETH contract.
    IWETH9 public immutable weth;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param reactor_ A Reactor whose asset is `weth_`.
    /// @param weth_    The canonical WETH9.
    constructor(IReactor reactor_, IWETH9 weth_) {
        if (reactor_.asset() != address(weth_))
            revert WethGatewayNotWethReactor(address(reactor_), address(weth_));
        reactor = reactor_;
        weth = weth_;
        // WETH9 does not decrease an allowance of type(uint256).max, so one approval lasts.
        weth_.approve(address(reactor_), type(uint256).max);
    }

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @dev Only WETH's unwrapping sends ether here.
    receive() external payable {
        if (msg.sender != address(weth)) revert WethGatewayUnexpectedEther(msg.sender);
    }

    /// @inheritdoc IWethGateway
    function depositETH(address receiver) external payable returns (uint256 shares) {
        weth.deposit{value: msg.value}();
        shares = reactor.deposit(msg.value, receiver);
    }

    /// @inheritdoc IWethGateway
    function redeemETH(
        uint256 shares,
        address receiver,
        address controller
    ) external returns (uint256 assets) {
        _checkOperator(controller);
        assets = reactor.redeem(shares, address(this), controller);
        _payOut(receiver, assets);
    }

    /// @inheritdoc IWethGateway
    function withdrawETH(
        uint256 assets,
        address receiver,
        address controller
    ) external returns (uint256 shares) {
        _checkOperator(controller);
        shares = reactor.withdraw(assets, address(this), controller);
        _payOut(receiver, assets);
    }

    function _checkOperator(address controller) private view {
        if (msg.sender != controller && !reactor.isOperator(controller, msg.sender)) {
            revert WethGatewayNotOperator(msg.sender, controller);
        }
        if (!reactor.isOperator(controller, address(this))) {
            revert WethGatewayNeedsOperator(controller, address(this));
        }
    }

    function _payOut(address receiver, uint256 assets) private {
        weth.withdraw(assets);
        Address.sendValue(payable(receiver), assets);
    }
}
