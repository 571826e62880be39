// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPricerPool} from "../../../contracts/interfaces/IPricerPool.sol";
import {ITokenHookReceiver} from "../tokens/TestHookToken.sol";

/// @notice A taker that, paid in a hooked token, reenters the pool's `fill` with the same quote.
contract PricerReentrantTaker is ITokenHookReceiver {
    IPricerPool private immutable _pool;
    IPricerPool.Quote private _quote;
    bytes private _signature;
    uint256 private _amountIn;
    bool private _armed;

    constructor(IPricerPool pool) {
        _pool = pool;
    }

    function approve(IERC20 token) external {
        token.approve(address(_pool), type(uint256).max);
    }

    function attack(
        IPricerPool.Quote calldata quote,
        bytes calldata signature,
        uint256 amountIn
    ) external {
        _quote = quote;
        _signature = signature;
        _amountIn = amountIn;
        _armed = true;
        _pool.fill(quote, signature, amountIn, 0, type(uint256).max);
    }

    function onTokenTransfer(address, address, uint256) external {
        if (!_armed) return;
        _armed = false;
        _pool.fill(_quote, _signature, _amountIn, 0, type(uint256).max);
    }
}
