// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ILDStaking} from "../interfaces/ILDStaking.sol";
import {ILDVoteRelay} from "../interfaces/ILDVoteRelay.sol";

/// @title LDVoteRelay
/// @notice Checks EIP-712 signed votes and delegations and applies them on its LDStaking.
/// @dev Kept apart from LDStaking so that the staking contract stays well under the size limit;
///      LDStaking creates it and accepts `voteFor`/`delegateFor` from it alone.
contract LDVoteRelay is ILDVoteRelay, EIP712, Nonces {
    bytes32 private constant VOTE_TYPEHASH =
        keccak256(
            "Vote(address voter,address reactor,bytes32[] venues,uint16[] shares,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegator,address reactor,address delegatee,uint256 nonce,uint256 deadline)");

    ILDStaking private immutable _staking;

    /// @param staking_ The LDStaking contract creating this relay.
    constructor(ILDStaking staking_) EIP712("Reactor LD Staking", "1") {
        _staking = staking_;
    }

    /// @inheritdoc ILDVoteRelay
    function staking() external view returns (address) {
        return address(_staking);
    }

    /// @inheritdoc ILDVoteRelay
    function voteBySig(
        address voter,
        address reactor,
        bytes32[] calldata venues,
        uint16[] calldata shares,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        // Arrays of 32-byte-padded atoms hash as EIP-712 encodes them: keccak of the concatenation.
        bytes32 structHash = keccak256(
            abi.encode(
                VOTE_TYPEHASH,
                voter,
                reactor,
                keccak256(abi.encodePacked(venues)),
                keccak256(abi.encodePacked(shares)),
                nonce,
                deadline
            )
        );
        _useSignature(voter, structHash, nonce, deadline, signature);
        _staking.voteFor(voter, reactor, venues, shares);
    }

    /// @inheritdoc ILDVoteRelay
    function delegateBySig(
        address delegator,
        address reactor,
        address delegatee,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(
            abi.encode(DELEGATION_TYPEHASH, delegator, reactor, delegatee, nonce, deadline)
        );
        _useSignature(delegator, structHash, nonce, deadline, signature);
        _staking.delegateFor(delegator, reactor, delegatee);
    }

    /// @inheritdoc ILDVoteRelay
    function useNonce() external returns (uint256 nonce) {
        nonce = _useNonce(msg.sender);
        emit NonceUsed(msg.sender, nonce);
    }

    /// @dev Checks the deadline and the signature, then consumes the nonce (reverting unless it
    ///      is the signer's next one), so a signature works once.
    function _useSignature(
        address signer,
        bytes32 structHash,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) private {
        if (block.timestamp > deadline) revert LDVoteRelayExpiredSignature(deadline);
        if (!SignatureChecker.isValidSignatureNowCalldata(signer, _hashTypedDataV4(structHash), signature)) {
            revert LDVoteRelayInvalidSignature(signer);
        }
        _useCheckedNonce(signer, nonce);
    }
}
