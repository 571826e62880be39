// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPricerPool
/// @notice A market in one asset that has no AMM, against one base asset, made by registered,
///         TOKE-bonded pricers on capital the Treasury lends to this pool (never Reactor LP
///         money). A pricer signs quotes (EIP-712, or EIP-1271 for a contract pricer, or posts
///         them on-chain); a taker fills a quote against the pool, partly or wholly, with a
///         minimum out and a deadline. The pool is the counterparty: it pays out of its books.
///
///         - A **bid** is the pool buying the asset (the taker sells asset, receives base); an
///           **ask** is the pool selling it (the taker pays base, receives asset).
///         - A price is raw base units per raw asset unit, 1e18-scaled (whatever the decimals).
///         - A quote fills only inside a band of `bandBps` around the reference price (the
///           protocol's `PriceFeed`: asset and base both priced in TOKE, a stale price reverts),
///           within the per-cycle capacity (base notional) and the asset inventory limits.
///         - Each pricer has one live quote per side, its **lane**: a quote with a higher nonce
///           replaces the lane's older ones at its first fill; `cancel` voids a nonce and all
///           lower ones. What a quote filled is kept per lane, so no quote fills past its size.
///         - Each fill charges `feeBps` of the base notional to the taker; the fee stays
///           unbooked in the pool and `sweep` sends it (with any donation) to the Treasury.
///         - Each fill's edge against the reference (what the pool gained or lost versus trading
///           at the reference) is added to the pricer's P&L; governance may slash the bond of a
///           pricer whose P&L is below `-slashThreshold` (through the registry).
///         - The guardian pauses the market; anyone trips the breaker when the marked P&L falls
///           below `-maxDrawdownBps` of the capital; governance resumes it.
/// @dev Warning: the reference is only as good as the PriceFeed (governance-set, keeper-refreshed
///      within its deviation bound); the band bounds what one quote can lose against it, the
///      capacity bounds a cycle, the bond and slashing make a losing pricer pay.
/// @dev Warning: fee-on-transfer and rebasing tokens are refused at every inflow (a fill reverts
///      when the pool receives less than it was sent).
interface IPricerPool {
    /// @notice Bid: the pool buys the asset; Ask: the pool sells it.
    enum Side {
        Bid,
        Ask
    }

    /// @notice A pricer's quote.
    /// @param pricer The registered pricer who signed it.
    /// @param side   Bid or Ask (from the pool's side).
    /// @param price  Raw base per raw asset, 1e18-scaled, in (0, QuoteLib.MAX_PRICE].
    /// @param size   Most asset (raw) the quote may trade in total, <= QuoteLib.MAX_SIZE.
    /// @param expiry Last second it may fill, at most QuoteLib.MAX_QUOTE_TTL_SECONDS ahead.
    /// @param nonce  Its place in the pricer's lane for `side`.
    struct Quote {
        address pricer;
        Side side;
        uint256 price;
        uint256 size;
        uint256 expiry;
        uint256 nonce;
    }

    /// @notice What the pool holds on its books (raw units); anything above is unbooked surplus.
    struct Books {
        uint128 asset;
        uint128 base;
    }

    /// @notice Governance's settings for the market.
    /// @param bandBps        Half-width of the band around the reference, basis points.
    /// @param feeBps         Fee on the base notional of each fill, basis points, to the Treasury.
    /// @param paused         The circuit breaker: no fills while set.
    /// @param capacity       Most base notional (raw) the pool trades per protocol cycle.
    /// @param maxInventory   Most asset (raw) the pool may hold after a bid fill.
    /// @param maxDrawdownBps The breaker trips below this loss, bps of the capital at the reference.
    /// @param slashThreshold A pricer losing more than this (raw base) here is slashable.
    struct Config {
        uint256 bandBps;
        uint256 feeBps;
        bool paused;
        uint256 capacity;
        uint256 maxInventory;
        uint256 maxDrawdownBps;
        uint256 slashThreshold;
    }

    /// @notice The per-cycle capacity in use.
    /// @param cycleEnd End of the protocol cycle it counts (the cycle cannot change before it).
    /// @param used     Base notional traded in that cycle (raw).
    struct CycleUse {
        uint256 cycleEnd;
        uint256 used;
    }

    /// @notice A pricer's lane for one side.
    /// @param nonce  The newest nonce seen (filled or cancelled).
    /// @param filled Asset filled under `nonce` (QuoteLib.CANCELLED: cancelled).
    /// @param pnl    Sum of the edges of every fill of the lane's quotes, raw base.
    /// @param active Whether the registry lets the pricer quote here.
    struct Lane {
        uint48 nonce;
        uint96 filled;
        int104 pnl;
        bool active;
    }

    /// @notice The fill was mined after `deadline`.
    error PricerPoolDeadlinePassed(uint256 deadline, uint256 nowSeconds);
    /// @notice The quote expired at `expiry`.
    error PricerPoolQuoteExpired(uint256 expiry, uint256 nowSeconds);
    /// @notice The quote's expiry is more than MAX_QUOTE_TTL_SECONDS ahead.
    error PricerPoolQuoteTooLong(uint256 expiry, uint256 latest);
    /// @notice A quote field is out of bounds (no pricer, price zero or above MAX_PRICE, size above
    ///         MAX_SIZE, nonce above 48 bits).
    error PricerPoolBadQuote(uint256 price, uint256 size, uint256 nonce);
    /// @notice The market is paused.
    error PricerPoolPaused();
    /// @notice `pricer` is not active on this market (not registered, under-bonded or disabled).
    error PricerPoolInactivePricer(address pricer);
    /// @notice The pricer may not fill its own quote.
    error PricerPoolSelfFill(address pricer);
    /// @notice The signature (or on-chain post) does not authorise the quote.
    error PricerPoolBadSignature(address pricer, bytes32 digest);
    /// @notice The lane is at `laneNonce`: a lower nonce is replaced or cancelled.
    error PricerPoolStaleNonce(uint256 nonce, uint256 laneNonce);
    /// @notice The quote's nonce was cancelled.
    error PricerPoolQuoteCancelled(address pricer, uint256 nonce);
    /// @notice The fill would trade `wanted` asset; the quote has `left`.
    error PricerPoolQuoteExhausted(uint256 wanted, uint256 left);
    /// @notice The quote's price is outside the band [low, high] around the reference.
    error PricerPoolOutsideBand(uint256 price, uint256 low, uint256 high);
    /// @notice The fill's base notional `notional` exceeds what is `left` of the cycle's capacity.
    error PricerPoolCapacityExceeded(uint256 notional, uint256 left);
    /// @notice The fill would leave `inventory` asset, above `maxInventory`.
    error PricerPoolInventoryLimit(uint256 inventory, uint256 maxInventory);
    /// @notice The pool holds `books` of the token; the fill or withdrawal needs `needed`.
    error PricerPoolInsufficientBooks(address token, uint256 needed, uint256 books);
    /// @notice The taker would get `amountOut`, below `minAmountOut`.
    error PricerPoolSlippage(uint256 amountOut, uint256 minAmountOut);
    /// @notice The fill rounds to nothing, or `amountIn` is above 2**128.
    error PricerPoolBadAmount(uint256 amountIn);
    /// @notice `received` arrived of `sent` (a fee-on-transfer or rebasing token).
    error PricerPoolTransferShortfall(address token, uint256 sent, uint256 received);
    /// @notice `token` is neither the asset nor the base.
    error PricerPoolUnknownToken(address token);
    /// @notice The pool holds only `unbooked` of the token beyond its books; funding needs `amount`.
    error PricerPoolUnfunded(address token, uint256 amount, uint256 unbooked);
    /// @notice A setting is outside [min, max].
    error PricerPoolBadSetting(uint256 value, uint256 min, uint256 max);
    /// @notice A zero address, the same token twice, or a pricer of zero.
    error PricerPoolBadAddress(address value);
    /// @notice Only the registry may do this.
    error PricerPoolOnlyRegistry(address caller);
    /// @notice The breaker may trip only when the marked P&L `pnl` is below `-limit`.
    error PricerPoolNoDrawdown(int256 pnl, uint256 limit);
    /// @notice The caller is not the pricer of the quote.
    error PricerPoolNotPricer(address caller, address pricer);

    /// @notice `taker` filled `pricer`'s quote `nonce`: `assetAmount` asset against `baseAmount`
    ///         base (net of `fee`, which went to the Treasury's side), with `edge` gained (or
    ///         lost) by the pool against the reference.
    event Filled(
        address indexed pricer,
        address indexed taker,
        Side side,
        uint256 nonce,
        uint256 assetAmount,
        uint256 baseAmount,
        uint256 fee,
        int256 edge
    );
    /// @notice `pricer` posted a quote on-chain.
    event QuotePosted(address indexed pricer, bytes32 indexed digest, Quote quote);
    /// @notice `pricer` cancelled `nonce` (and every lower one) on `side`.
    event QuoteCancelled(address indexed pricer, Side side, uint256 nonce);
    /// @notice Governance booked `amount` of `token` the Treasury paid in.
    event Funded(address indexed token, uint256 amount);
    /// @notice Governance returned `amount` of `token` to the Treasury.
    event Defunded(address indexed token, uint256 amount);
    /// @notice `amount` of unbooked `token` (fees, donations) was swept to the Treasury.
    event Swept(address indexed token, uint256 amount);
    /// @notice Governance changed the market's settings.
    event ConfigSet(
        uint256 bandBps,
        uint256 feeBps,
        uint256 capacity,
        uint256 maxInventory,
        uint256 maxDrawdownBps,
        uint256 slashThreshold
    );
    /// @notice The guardian paused the market.
    event MarketPaused(address indexed by);
    /// @notice `by` tripped the breaker: the marked P&L `pnl` was below `-limit`.
    event BreakerTripped(address indexed by, int256 pnl, uint256 limit);
    /// @notice Governance resumed the market.
    event MarketResumed(address indexed by);
    /// @notice The registry (de)activated `pricer` here.
    event PricerActiveSet(address indexed pricer, bool active);
    /// @notice The capacity counter moved to the cycle ending at `cycleEnd`.
    event CycleRolled(uint256 cycleEnd);

    /// @notice Fills `quote` with `amountIn` of what the pool receives (base for an ask, asset
    ///         for a bid) from the caller, paying the caller at least `minAmountOut` of the other.
    /// @param quote        The pricer's quote.
    /// @param signature    The pricer's EIP-712 signature (EOA or EIP-1271), or empty when the
    ///                     quote was posted on-chain.
    /// @param amountIn     Raw units the caller pays (approved to the pool beforehand).
    /// @param minAmountOut Fewest raw units the caller accepts.
    /// @param deadline     Last second the fill may be mined.
    /// @return amountOut   Raw units paid to the caller.
    function fill(
        Quote calldata quote,
        bytes calldata signature,
        uint256 amountIn,
        uint256 minAmountOut,
        uint256 deadline
    ) external returns (uint256 amountOut);

    /// @notice Posts `quote` on-chain (the caller must be its pricer), so it fills with no signature.
    function postQuote(Quote calldata quote) external;

    /// @notice Cancels the caller's quote `nonce` on `side` and every lower nonce of that lane.
    function cancel(Side side, uint256 nonce) external;

    /// @notice Books `amount` of `token` (asset or base) that the Treasury paid to this pool in the
    ///         same governance batch (governance only).
    function recordFunding(address token, uint256 amount) external;

    /// @notice Returns `amount` of booked `token` to the Treasury (governance only).
    function defund(address token, uint256 amount) external;

    /// @notice Sends every unbooked balance (fees, donations) to the Treasury. Anyone may call it.
    function sweep() external;

    /// @notice Sets the market's settings (governance only).
    /// @param bandBps        In [1, MAX_BAND_BPS].
    /// @param feeBps         In [0, MAX_FEE_BPS].
    /// @param capacity       Base notional per cycle, < 2**88.
    /// @param maxInventory   Asset, < 2**112.
    /// @param maxDrawdownBps In [1, BPS]: the breaker's trigger, of the capital at the reference.
    /// @param slashThreshold Raw base, < 2**103: the pricer loss beyond which it is slashable.
    function setConfig(
        uint256 bandBps,
        uint256 feeBps,
        uint256 capacity,
        uint256 maxInventory,
        uint256 maxDrawdownBps,
        uint256 slashThreshold
    ) external;

    /// @notice Pauses the market (guardian only).
    function pause() external;

    /// @notice Pauses the market when the marked P&L is below `-maxDrawdownBps` of the capital.
    ///         Anyone may call it.
    function trip() external;

    /// @notice Resumes the market (governance only).
    function resume() external;

    /// @notice (De)activates `pricer` on this market (the registry only).
    function setPricerActive(address pricer, bool active) external;

    /// @notice The asset traded.
    function asset() external view returns (address);

    /// @notice The base asset it is priced in.
    function base() external view returns (address);

    /// @notice The pricer registry.
    function registry() external view returns (address);

    /// @notice The booked balances.
    function books() external view returns (Books memory);

    /// @notice Net capital the Treasury lent, per token (funded minus defunded, raw).
    function capital() external view returns (int256 asset, int256 base);

    /// @notice The settings.
    function config() external view returns (Config memory);

    /// @notice The capacity counter (the stored one; a new cycle resets it at its first fill).
    function cycleUse() external view returns (CycleUse memory);

    /// @notice `pricer`'s lane on `side`.
    function lane(address pricer, Side side) external view returns (Lane memory);

    /// @notice What is left of `quote`: zero when replaced, cancelled or filled.
    function remaining(Quote calldata quote) external view returns (uint256);

    /// @notice The EIP-712 digest a pricer signs for `quote`.
    function quoteDigest(Quote calldata quote) external view returns (bytes32);

    /// @notice The reference price (raw base per raw asset, 1e18-scaled); reverts when stale.
    function referencePrice() external view returns (uint256);

    /// @notice The band [low, high] a quote price must be in now.
    function band() external view returns (uint256 low, uint256 high);

    /// @notice The pool's P&L marked at the reference: books minus capital, in raw base.
    function markedPnl() external view returns (int256);

    /// @notice `pricer`'s P&L here (both lanes), raw base.
    function pricerPnl(address pricer) external view returns (int256);

    /// @notice Whether `pricer`'s P&L is below `-slashThreshold`.
    function isSlashable(address pricer) external view returns (bool);
}
