// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILDVoteRelay
/// @notice Gasless votes and delegations for LD staking: an LD signs an EIP-712 message and
///         anyone relays it. A signature is bound to the signer's next nonce (so it works once),
///         a deadline, the chain id and this relay (the EIP-712 domain), and may come from an
///         ERC-1271 contract wallet.
/// @dev The relay is created by, and bound to, one LDStaking contract.
interface ILDVoteRelay {
    /// @notice A signature expired at `deadline`.
    error LDVoteRelayExpiredSignature(uint256 deadline);
    /// @notice A signature is not `signer`'s (or not for this chain and relay).
    error LDVoteRelayInvalidSignature(address signer);

    /// @notice `account` burnt its nonce `nonce`, voiding any signature made with it.
    event NonceUsed(address indexed account, uint256 nonce);

    /// @notice The LDStaking contract the relay votes on.
    function staking() external view returns (address);

    /// @notice Sets `voter`'s vote on `reactor` (as ILDStaking.vote) by its signature over
    ///         Vote(address voter,address reactor,bytes32[] venues,uint16[] shares,uint256 nonce,uint256 deadline).
    function voteBySig(
        address voter,
        address reactor,
        bytes32[] calldata venues,
        uint16[] calldata shares,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Delegates `delegator`'s voting on `reactor` (as ILDStaking.delegate) by its
    ///         signature over
    ///         Delegation(address delegator,address reactor,address delegatee,uint256 nonce,uint256 deadline).
    function delegateBySig(
        address delegator,
        address reactor,
        address delegatee,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Burns the caller's current nonce, voiding a signature it made and no longer wants.
    function useNonce() external returns (uint256 nonce);
}
