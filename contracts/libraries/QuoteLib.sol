// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IPricerPool} from "../interfaces/IPricerPool.sol";

/// @title QuoteLib
/// @notice A pricer quote's checks and its place in the pricer's lane (see IPricerPool).
library QuoteLib {
    /// @notice Highest quote price (1e36 keeps every product within 256 bits).
    uint256 internal constant MAX_PRICE = 1e36;
    /// @notice Largest quote size (the lane's `filled` is 96 bits; its top value means cancelled).
    uint256 internal constant MAX_SIZE = type(uint96).max - 1;
    /// @notice Longest a quote may still have to live when it fills, seconds.
    uint256 internal constant MAX_QUOTE_TTL_SECONDS = 1 days;
    /// @notice A lane's `filled` once its nonce was cancelled.
    uint96 internal constant CANCELLED = type(uint96).max;
    /// @notice The quote type signed by pricers (EIP-712).
    bytes32 internal constant QUOTE_TYPEHASH = keccak256(
        "Quote(address pricer,uint8 side,uint256 price,uint256 size,uint256 expiry,uint256 nonce)"
    );

    /// @notice The EIP-712 struct hash of `quote`.
    function structHash(IPricerPool.Quote calldata quote) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    QUOTE_TYPEHASH,
                    quote.pricer,
                    quote.side,
                    quote.price,
                    quote.size,
                    quote.expiry,
                    quote.nonce
                )
            );
    }

    /// @notice Reverts unless every field is in bounds and the quote is live for at most
    ///         MAX_QUOTE_TTL_SECONDS more.
    function check(IPricerPool.Quote calldata quote) internal view {
        if (
            quote.pricer == address(0) ||
            quote.price == 0 ||
            quote.price > MAX_PRICE ||
            quote.size > MAX_SIZE ||
            quote.nonce > type(uint48).max
        ) revert IPricerPool.PricerPoolBadQuote(quote.price, quote.size, quote.nonce);
        if (block.timestamp > quote.expiry)
            revert IPricerPool.PricerPoolQuoteExpired(quote.expiry, block.timestamp);
        uint256 latest = block.timestamp + MAX_QUOTE_TTL_SECONDS;
        if (quote.expiry > latest) revert IPricerPool.PricerPoolQuoteTooLong(quote.expiry, latest);
    }

    /// @notice Asset the lane already filled under the quote's nonce (0 for a newer nonce);
    ///         reverts for a replaced or cancelled nonce.
    function filledBefore(
        IPricerPool.Lane memory lane,
        IPricerPool.Quote calldata quote
    ) internal pure returns (uint256) {
        if (quote.nonce < lane.nonce)
            revert IPricerPool.PricerPoolStaleNonce(quote.nonce, lane.nonce);
        if (quote.nonce > lane.nonce) return 0;
        if (lane.filled == CANCELLED)
            revert IPricerPool.PricerPoolQuoteCancelled(quote.pricer, quote.nonce);
        return lane.filled;
    }

    /// @notice What is left of `quote` given its lane: zero when replaced, cancelled or filled.
    function remaining(
        IPricerPool.Lane memory lane,
        IPricerPool.Quote calldata quote
    ) internal pure returns (uint256) {
        if (quote.nonce < lane.nonce || (quote.nonce == lane.nonce && lane.filled == CANCELLED))
            return 0;
        if (quote.nonce > lane.nonce) return quote.size;
        return lane.filled >= quote.size ? 0 : quote.size - lane.filled;
    }

    /// @notice Whether `signature` is `pricer`'s over `digest`: an EOA's 65-byte signature is
    ///         checked first (no code lookup), then EIP-1271 for a contract pricer.
    function isSignedBy(
        address pricer,
        bytes32 digest,
        bytes calldata signature
    ) internal view returns (bool) {
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
        return
            (err == ECDSA.RecoverError.NoError && signer == pricer) ||
            SignatureChecker.isValidERC1271SignatureNowCalldata(pricer, digest, signature);
    }
}
