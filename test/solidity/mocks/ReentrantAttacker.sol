// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IReactor} from "../../../contracts/interfaces/IReactor.sol";
import {IERC7540Redeem} from "../../../contracts/interfaces/IERC7540.sol";
import {ITokenHookReceiver} from "../tokens/TestHookToken.sol";

/// @notice An LP that tries to reenter the Reactor from the asset's transfer hook: during the
///         pull of its deposit (before the Reactor credits it) and during the payout of its claim
///         (after the Reactor debited it). It records whether the reentrant call went through.
contract ReentrantAttacker is ITokenHookReceiver {
    enum Mode {
        None,
        RedeemAgain,
        RequestDuringDeposit,
        DepositDuringDeposit
    }

    IReactor public immutable reactor;
    IERC20 public immutable asset;
    Mode public mode;
    uint256 public amount;
    bool public attempted;
    bool public succeeded;
    bytes public failure;

    constructor(IReactor reactor_) {
        reactor = reactor_;
        asset = IERC20(reactor_.asset());
        asset.approve(address(reactor_), type(uint256).max);
    }

    function arm(Mode mode_, uint256 amount_) external {
        mode = mode_;
        amount = amount_;
        attempted = false;
        succeeded = false;
    }

    function deposit(uint256 assets) external returns (uint256) {
        return reactor.deposit(assets, address(this));
    }

    function requestRedeem(uint256 shares) external {
        reactor.requestRedeem(shares, address(this), address(this));
    }

    function redeem(uint256 shares) external returns (uint256) {
        return reactor.redeem(shares, address(this), address(this));
    }

    function onTokenTransfer(address, address, uint256) external {
        if (msg.sender != address(asset) || mode == Mode.None || attempted) return;
        attempted = true;
        bytes memory call;
        if (mode == Mode.RedeemAgain) {
            call = abi.encodeCall(IERC4626.redeem, (amount, address(this), address(this)));
        } else if (mode == Mode.RequestDuringDeposit) {
            call = abi.encodeCall(IERC7540Redeem.requestRedeem, (amount, address(this), address(this)));
        } else {
            call = abi.encodeCall(IERC4626.deposit, (amount, address(this)));
        }
        (bool ok, bytes memory ret) = address(reactor).call(call);
        succeeded = ok;
        if (!ok) failure = ret;
    }
}
