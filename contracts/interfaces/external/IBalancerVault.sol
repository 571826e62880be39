// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IBalancerVault
/// @notice The part of Balancer V2's Vault the protocol calls. Assets are token addresses (the
///         zero address stands for ETH, which the protocol never uses).
interface IBalancerVault {
    /// @notice How a user-balance operation moves funds; only used to build the empty no-op call
    ///         that probes the Vault's reentrancy guard.
    enum UserBalanceOpKind {
        DEPOSIT_INTERNAL,
        WITHDRAW_INTERNAL,
        TRANSFER_INTERNAL,
        TRANSFER_EXTERNAL
    }

    struct UserBalanceOp {
        UserBalanceOpKind kind;
        address asset;
        uint256 amount;
        address sender;
        address payable recipient;
    }

    /// @param assets              The pool's tokens, in the pool's order.
    /// @param maxAmountsIn        Most the Vault may pull of each asset from `sender`.
    /// @param userData            Pool-specific join kind and arguments.
    /// @param fromInternalBalance Whether to draw on Vault internal balances first.
    struct JoinPoolRequest {
        address[] assets;
        uint256[] maxAmountsIn;
        bytes userData;
        bool fromInternalBalance;
    }

    /// @param assets            The pool's tokens, in the pool's order.
    /// @param minAmountsOut     Least the recipient must receive of each asset.
    /// @param userData          Pool-specific exit kind and arguments.
    /// @param toInternalBalance Whether to credit Vault internal balances instead of sending.
    struct ExitPoolRequest {
        address[] assets;
        uint256[] minAmountsOut;
        bytes userData;
        bool toInternalBalance;
    }

    /// @notice Joins `poolId`, pulling tokens from `sender` and minting BPT to `recipient`.
    function joinPool(bytes32 poolId, address sender, address recipient, JoinPoolRequest memory request)
        external
        payable;

    /// @notice Exits `poolId`, burning `sender`'s BPT and sending tokens to `recipient`.
    function exitPool(bytes32 poolId, address sender, address payable recipient, ExitPoolRequest memory request)
        external;

    /// @notice A pool's tokens and their balances held by the Vault, in the pool's order.
    function getPoolTokens(bytes32 poolId)
        external
        view
        returns (address[] memory tokens, uint256[] memory balances, uint256 lastChangeBlock);

    /// @notice The pool contract of `poolId` and its specialization.
    function getPool(bytes32 poolId) external view returns (address pool, uint8 specialization);

    /// @notice Performs user-balance operations; guarded by the Vault's reentrancy lock, which is
    ///         what makes an empty call a probe for "are we inside a Vault operation".
    function manageUserBalance(UserBalanceOp[] memory ops) external payable;
}
