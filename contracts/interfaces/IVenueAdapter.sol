// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IVenueAdapter
/// @notice One venue (Uniswap V2, SushiSwap, Balancer V2, ...) behind one small interface. An
///         adapter provides liquidity for a (token, base) pair of Reactor assets in that venue's
///         pool, holds the resulting LP tokens / BPT itself, and reports the position.
///
///         Funds flow only between the allocator and the venue: `addLiquidity` pulls at most the
///         desired amounts from the allocator (which must have approved this adapter) and
///         `removeLiquidity` sends what the venue pays out to the allocator. No calldata is
///         forwarded and nothing is delegatecalled.
///
///         Prices are Q112.112 fixed point (`priceX112`): raw units of `base` per raw unit of
///         `token`, times 2**112, the unit of Uniswap V2's cumulative prices.
/// @dev Warning: the venue's pool for a pair must be constant-product in value (a Uniswap V2
///      pair or a 50/50 weighted pool): proportional amounts and `positionAt` rely on it.
/// @dev Warning: minimum amounts are the caller's slippage protection. The adapter only makes
///      deposits proportional to the pool's current reserves; it is the caller's job to derive
///      minimums from a manipulation-resistant price, never from the same pool's spot reserves.
interface IVenueAdapter {
    /// @notice `caller` is not the allocator this adapter serves.
    error VenueAdapterUnauthorized(address caller);
    /// @notice The call was mined after its `deadline` (seconds since epoch).
    error VenueAdapterDeadlinePassed(uint256 deadline, uint256 timestamp);
    /// @notice The venue has no pool for this pair, or the pool is empty.
    error VenueAdapterPoolNotFound(address token, address base);
    /// @notice `asset`'s amount moved (`amount`) is below the caller's minimum.
    error VenueAdapterBelowMinimum(address asset, uint256 amount, uint256 minimum);
    /// @notice An amount that must be positive was zero (nothing to add, or nothing minted).
    error VenueAdapterZeroAmount();
    /// @notice More liquidity was asked to be removed than the adapter holds in that pool.
    error VenueAdapterInsufficientLiquidity(uint256 requested, uint256 held);
    /// @notice A zero address was given where a contract is required.
    error VenueAdapterZeroAddress();

    /// @notice Liquidity was added to the (token, base) pool.
    /// @param tokenAmount Amount of `token` deposited (pulled from the allocator).
    /// @param baseAmount  Amount of `base` deposited (pulled from the allocator).
    /// @param liquidity   LP tokens / BPT received by the adapter.
    event LiquidityAdded(
        address indexed token,
        address indexed base,
        uint256 tokenAmount,
        uint256 baseAmount,
        uint256 liquidity
    );

    /// @notice Liquidity was removed from the (token, base) pool and paid to the allocator.
    /// @param liquidity   LP tokens / BPT burned.
    /// @param tokenAmount Amount of `token` the allocator received.
    /// @param baseAmount  Amount of `base` the allocator received.
    event LiquidityRemoved(
        address indexed token,
        address indexed base,
        uint256 liquidity,
        uint256 tokenAmount,
        uint256 baseAmount
    );

    /// @notice The only address allowed to add or remove liquidity (set at construction).
    function allocator() external view returns (address);

    /// @notice Whether the venue has a usable (registered, non-empty) pool for the pair.
    function hasPool(address token, address base) external view returns (bool);

    /// @notice Adds liquidity to the (token, base) pool in proportion to its current reserves,
    ///         using as much of the desired amounts as that proportion allows; the allocator keeps
    ///         the rest. Only callable by the allocator.
    /// @param token       The Reactor asset being provided.
    /// @param base        The base asset (WETH or USDC) it is paired with.
    /// @param tokenDesired Most `token` to deposit.
    /// @param baseDesired  Most `base` to deposit.
    /// @param tokenMin     Least `token` that must be deposited, else the call reverts.
    /// @param baseMin      Least `base` that must be deposited, else the call reverts.
    /// @param deadline     Timestamp after which the call reverts.
    /// @return tokenAmount `token` deposited.
    /// @return baseAmount  `base` deposited.
    /// @return liquidity   LP tokens / BPT the adapter received (balance delta).
    function addLiquidity(
        address token,
        address base,
        uint256 tokenDesired,
        uint256 baseDesired,
        uint256 tokenMin,
        uint256 baseMin,
        uint256 deadline
    ) external returns (uint256 tokenAmount, uint256 baseAmount, uint256 liquidity);

    /// @notice Burns `liquidity` of the adapter's LP tokens / BPT in the (token, base) pool and
    ///         sends the proceeds to the allocator. Only callable by the allocator.
    /// @param liquidity The LP tokens / BPT to burn; at most what the adapter holds.
    /// @param tokenMin  Least `token` the allocator must receive, else the call reverts.
    /// @param baseMin   Least `base` the allocator must receive, else the call reverts.
    /// @param deadline  Timestamp after which the call reverts.
    /// @return tokenAmount `token` the allocator received (balance delta).
    /// @return baseAmount  `base` the allocator received (balance delta).
    function removeLiquidity(
        address token,
        address base,
        uint256 liquidity,
        uint256 tokenMin,
        uint256 baseMin,
        uint256 deadline
    ) external returns (uint256 tokenAmount, uint256 baseAmount);

    /// @notice The adapter's position in the (token, base) pool at the pool's current reserves.
    /// @dev Warning: spot reserves can be moved within a transaction; use `positionAt` to value
    ///      the position.
    /// @return liquidity   LP tokens / BPT held.
    /// @return tokenAmount The position's pro-rata share of the pool's `token`.
    /// @return baseAmount  The position's pro-rata share of the pool's `base`.
    function position(
        address token,
        address base
    ) external view returns (uint256 liquidity, uint256 tokenAmount, uint256 baseAmount);

    /// @notice The adapter's position in the (token, base) pool as it would be if the pool's
    ///         price were `priceX112`, at the pool's current invariant. Swaps cannot lower the
    ///         invariant, so a price taken from a TWAP gives a value that a same-transaction
    ///         price move cannot inflate or deflate (the Alpha Homora "fair LP price" argument).
    /// @param priceX112 Reference price: raw `base` per raw `token`, Q112.112.
    /// @return liquidity   LP tokens / BPT held.
    /// @return tokenAmount The position's share of `token` at that price.
    /// @return baseAmount  The position's share of `base` at that price.
    function positionAt(
        address token,
        address base,
        uint256 priceX112
    ) external view returns (uint256 liquidity, uint256 tokenAmount, uint256 baseAmount);
}
