// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC7540Redeem} from "../../../contracts/interfaces/IERC7540.sol";

/// @notice An integrator written from the ERC-7540 text only: it pools its users' shares and
///         redeems them as one controller (itself), then pays each user its pro-rata part of what
///         it claimed. Test-only.
contract PoolingAggregator {
    IERC20 public immutable share;
    IERC4626 public immutable vault;
    address[] private _users;
    mapping(address user => uint256 shares) public sharesOf;
    uint256 public pooled;

    constructor(address vault_) {
        vault = IERC4626(vault_);
        share = IERC20(vault_);
    }

    /// @notice Takes `shares` of the caller into the pool (ERC-20 transferFrom).
    function join(uint256 shares) external {
        share.transferFrom(msg.sender, address(this), shares);
        if (sharesOf[msg.sender] == 0) _users.push(msg.sender);
        sharesOf[msg.sender] += shares;
        pooled += shares;
    }

    /// @notice Requests the redemption of everything pooled, this contract as owner and controller.
    function requestAll() external {
        IERC7540Redeem(address(vault)).requestRedeem(pooled, address(this), address(this));
    }

    /// @notice Claims what is claimable and pays the users pro rata to their pooled shares.
    function claimAndPay() external {
        uint256 claimable = IERC7540Redeem(address(vault)).claimableRedeemRequest(0, address(this));
        uint256 assets = vault.redeem(claimable, address(this), address(this));
        IERC20 asset = IERC20(vault.asset());
        uint256 total = pooled;
        for (uint256 i; i < _users.length; ++i) {
            address user = _users[i];
            uint256 part = (assets * sharesOf[user]) / total;
            asset.transfer(user, part);
        }
    }
}
