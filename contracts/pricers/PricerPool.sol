// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {RoleGated} from "../core/RoleGated.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IPriceFeed} from "../interfaces/IPriceFeed.sol";
import {IPricerPool} from "../interfaces/IPricerPool.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {QuoteLib} from "../libraries/QuoteLib.sol";
import {QuoteMathLib} from "../libraries/QuoteMathLib.sol";

/// @title PricerPool
/// @notice One pricer market, asset against base, on Treasury capital (see IPricerPool).
contract PricerPool is IPricerPool, RoleGated, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice Widest band, basis points of the reference (20%).
    uint256 public constant MAX_BAND_BPS = 2_000;
    /// @notice Highest fee, basis points of the notional (1%; fits the 8-bit setting).
    uint256 public constant MAX_FEE_BPS = 100;
    /// @notice Treasury inflow label of swept fees and donations.
    bytes32 public constant FEE_SOURCE = keccak256("PRICER_FEES");
    /// @notice Treasury inflow label of returned capital.
    bytes32 public constant CAPITAL_SOURCE = keccak256("PRICER_CAPITAL");
    uint256 private constant MAX_AMOUNT = type(uint128).max;
    uint256 private constant BPS = QuoteMathLib.BPS;

    /// @dev What every fill reads and writes, in one slot: the settings on the fill path and the
    ///      capacity counter of the cycle ending at `cycleEnd`.
    struct Market {
        uint16 bandBps;
        uint8 feeBps;
        bool paused;
        uint40 cycleEnd;
        uint96 used;
        uint88 capacity;
    }

    /// @dev Settings read by bid fills only, and off the fill path.
    struct Limits {
        uint112 maxInventory;
        uint16 maxDrawdownBps;
        uint104 slashThreshold;
    }

    /// @dev One fill's amounts (raw): asset traded, base booked in (ask) or out (bid), the fee,
    ///      and what the taker receives.
    struct Trade {
        bool isAsk;
        uint256 assetAmount;
        uint256 baseBooked;
        uint256 fee;
        uint256 amountOut;
    }

    IERC20 private immutable _asset;
    IERC20 private immutable _base;
    address private immutable _registry;
    IPriceFeed private immutable _feed;
    ICycleManager private immutable _manager;
    ITreasury private immutable _treasury;

    Books private _books;
    Market private _market;
    Limits private _limits;
    int128 private _capitalAsset;
    int128 private _capitalBase;
    mapping(address pricer => mapping(Side side => Lane)) private _lanes;
    mapping(bytes32 digest => bool posted) private _posted;

    /// @notice Wires the market to the dependencies below (checked here). It starts with no
    ///         capacity: nothing fills until governance calls `setConfig` and funds it.
    /// @param roles_    The protocol's role registry.
    /// @param registry_ The PricerRegistry that activates pricers here.
    /// @param feed_     The PriceFeed giving the reference (asset and base in TOKE).
    /// @param manager_  The CycleManager whose cycles the capacity counts.
    /// @param treasury_ The Treasury that lends the capital and receives fees.
    /// @param asset_    The asset traded.
    /// @param base_     The base asset.
    constructor(
        IAccessControl roles_,
        address registry_,
        IPriceFeed feed_,
        ICycleManager manager_,
        ITreasury treasury_,
        IERC20 asset_,
        IERC20 base_
    ) RoleGated(roles_) EIP712("Reactor PricerPool", "1") {
        if (
            registry_ == address(0) ||
            address(feed_) == address(0) ||
            address(manager_) == address(0) ||
            address(treasury_) == address(0) ||
            address(asset_) == address(0) ||
            address(asset_) == address(base_)
        ) revert PricerPoolBadAddress(address(0));
        _nonZero(address(base_));
        _registry = registry_;
        _feed = feed_;
        _manager = manager_;
        _treasury = treasury_;
        _asset = asset_;
        _base = base_;
    }

    // ------------------------------------------------------------------ taker

    /// @inheritdoc IPricerPool
    function fill(
        Quote calldata quote,
        bytes calldata signature,
        uint256 amountIn,
        uint256 minAmountOut,
        uint256 deadline
    ) external nonReentrant returns (uint256 amountOut) {
        if (block.timestamp > deadline) revert PricerPoolDeadlinePassed(deadline, block.timestamp);
        if (amountIn > MAX_AMOUNT) revert PricerPoolBadAmount(amountIn);
        QuoteLib.check(quote);
        Market memory m = _market;
        if (m.paused) revert PricerPoolPaused();
        if (msg.sender == quote.pricer) revert PricerPoolSelfFill(quote.pricer);
        Lane memory current = _lanes[quote.pricer][quote.side];
        if (!current.active) revert PricerPoolInactivePricer(quote.pricer);
        uint256 filled = QuoteLib.filledBefore(current, quote);
        _authorise(quote, signature);

        uint256 refPrice = _referenceAround(quote.price, m.bandBps);
        Trade memory t = _book(quote, amountIn, m.feeBps);
        amountOut = t.amountOut;
        if (amountOut < minAmountOut) revert PricerPoolSlippage(amountOut, minAmountOut);
        // The notional is the base side of the trade, fee included.
        _useCapacity(m, t.isAsk ? amountIn : t.baseBooked);
        _record(quote, current.pnl, filled, t, refPrice);
        _settle(t.isAsk, amountIn, amountOut);
    }

    // ------------------------------------------------------------------ pricer

    /// @inheritdoc IPricerPool
    function postQuote(Quote calldata quote) external {
        if (msg.sender != quote.pricer) revert PricerPoolNotPricer(msg.sender, quote.pricer);
        QuoteLib.check(quote);
        bytes32 digest = quoteDigest(quote);
        _posted[digest] = true;
        emit QuotePosted(msg.sender, digest, quote);
    }

    /// @inheritdoc IPricerPool
    function cancel(Side side, uint256 nonce) external {
        Lane storage own = _lanes[msg.sender][side];
        if (nonce > type(uint48).max) revert PricerPoolBadQuote(0, 0, nonce);
        if (nonce < own.nonce) revert PricerPoolStaleNonce(nonce, own.nonce);
        // Cannot truncate: checked just above.
        own.nonce = uint48(nonce);
        own.filled = QuoteLib.CANCELLED;
        emit QuoteCancelled(msg.sender, side, nonce);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IPricerPool
    function recordFunding(address token, uint256 amount) external onlyGovernance {
        bool isAsset = _isAsset(token);
        uint256 booked = isAsset ? _books.asset : _books.base;
        uint256 unbooked = IERC20(token).balanceOf(address(this)) - booked;
        if (amount == 0 || amount > unbooked) revert PricerPoolUnfunded(token, amount, unbooked);
        _moveBooks(isAsset, int256(amount));
        emit Funded(token, amount);
    }

    /// @inheritdoc IPricerPool
    function defund(address token, uint256 amount) external onlyGovernance nonReentrant {
        bool isAsset = _isAsset(token);
        uint256 booked = isAsset ? _books.asset : _books.base;
        if (amount == 0 || amount > booked)
            revert PricerPoolInsufficientBooks(token, amount, booked);
        _moveBooks(isAsset, -int256(amount));
        _toTreasury(IERC20(token), amount, CAPITAL_SOURCE);
        emit Defunded(token, amount);
    }

    /// @inheritdoc IPricerPool
    function sweep() external nonReentrant {
        _sweep(_asset, _books.asset);
        _sweep(_base, _books.base);
    }

    /// @inheritdoc IPricerPool
    function setConfig(
        uint256 bandBps,
        uint256 feeBps,
        uint256 capacity,
        uint256 maxInventory,
        uint256 maxDrawdownBps,
        uint256 slashThreshold
    ) external onlyGovernance {
        _bounded(bandBps, 1, MAX_BAND_BPS);
        _bounded(feeBps, 0, MAX_FEE_BPS);
        _bounded(capacity, 0, type(uint88).max);
        _bounded(maxInventory, 0, type(uint112).max);
        _bounded(maxDrawdownBps, 1, BPS);
        _bounded(slashThreshold, 0, uint256(uint104(type(int104).max)));
        Market storage m = _market;
        // Cannot truncate: each value was bounded just above.
        (m.bandBps, m.feeBps, m.capacity) = (uint16(bandBps), uint8(feeBps), uint88(capacity));
        _limits = Limits({
            maxInventory: uint112(maxInventory),
            maxDrawdownBps: uint16(maxDrawdownBps),
            slashThreshold: uint104(slashThreshold)
        });
        emit ConfigSet(bandBps, feeBps, capacity, maxInventory, maxDrawdownBps, slashThreshold);
    }

    /// @inheritdoc IPricerPool
    function pause() external onlyGuardian {
        _market.paused = true;
        emit MarketPaused(msg.sender);
    }

    /// @inheritdoc IPricerPool
    function trip() external {
        int256 pnl = markedPnl();
        int256 lent = _capitalBase + QuoteMathLib.value(_capitalAsset, referencePrice());
        uint256 limit = lent <= 0 ? 0 : (uint256(lent) * _limits.maxDrawdownBps) / BPS;
        if (pnl >= -int256(limit)) revert PricerPoolNoDrawdown(pnl, limit);
        _market.paused = true;
        emit BreakerTripped(msg.sender, pnl, limit);
    }

    /// @inheritdoc IPricerPool
    function resume() external onlyGovernance {
        _market.paused = false;
        emit MarketResumed(msg.sender);
    }

    /// @inheritdoc IPricerPool
    function setPricerActive(address pricer, bool active) external {
        if (msg.sender != _registry) revert PricerPoolOnlyRegistry(msg.sender);
        _nonZero(pricer);
        _lanes[pricer][Side.Bid].active = active;
        _lanes[pricer][Side.Ask].active = active;
        emit PricerActiveSet(pricer, active);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPricerPool
    function asset() external view returns (address) {
        return address(_asset);
    }

    /// @inheritdoc IPricerPool
    function base() external view returns (address) {
        return address(_base);
    }

    /// @inheritdoc IPricerPool
    function registry() external view returns (address) {
        return _registry;
    }

    /// @inheritdoc IPricerPool
    function books() external view returns (Books memory) {
        return _books;
    }

    /// @inheritdoc IPricerPool
    function capital() external view returns (int256, int256) {
        return (_capitalAsset, _capitalBase);
    }

    /// @inheritdoc IPricerPool
    function config() external view returns (Config memory) {
        Market memory m = _market;
        Limits memory lim = _limits;
        return
            Config({
                bandBps: m.bandBps,
                feeBps: m.feeBps,
                paused: m.paused,
                capacity: m.capacity,
                maxInventory: lim.maxInventory,
                maxDrawdownBps: lim.maxDrawdownBps,
                slashThreshold: lim.slashThreshold
            });
    }

    /// @inheritdoc IPricerPool
    function cycleUse() external view returns (CycleUse memory) {
        return CycleUse({cycleEnd: _market.cycleEnd, used: _market.used});
    }

    /// @inheritdoc IPricerPool
    function lane(address pricer, Side side) external view returns (Lane memory) {
        return _lanes[pricer][side];
    }

    /// @inheritdoc IPricerPool
    function remaining(Quote calldata quote) external view returns (uint256) {
        return QuoteLib.remaining(_lanes[quote.pricer][quote.side], quote);
    }

    /// @inheritdoc IPricerPool
    function quoteDigest(Quote calldata quote) public view returns (bytes32) {
        return _hashTypedDataV4(QuoteLib.structHash(quote));
    }

    /// @inheritdoc IPricerPool
    function referencePrice() public view returns (uint256) {
        return QuoteMathLib.crossPrice(_feed.price(address(_asset)), _feed.price(address(_base)));
    }

    /// @inheritdoc IPricerPool
    function band() external view returns (uint256, uint256) {
        return QuoteMathLib.band(referencePrice(), _market.bandBps);
    }

    /// @inheritdoc IPricerPool
    function markedPnl() public view returns (int256) {
        Books memory b = _books;
        int256 assetGain = int256(uint256(b.asset)) - _capitalAsset;
        return
            int256(uint256(b.base)) -
            _capitalBase +
            QuoteMathLib.value(assetGain, referencePrice());
    }

    /// @inheritdoc IPricerPool
    function pricerPnl(address pricer) public view returns (int256) {
        return int256(_lanes[pricer][Side.Bid].pnl) + _lanes[pricer][Side.Ask].pnl;
    }

    /// @inheritdoc IPricerPool
    function isSlashable(address pricer) external view returns (bool) {
        return pricerPnl(pricer) < -int256(uint256(_limits.slashThreshold));
    }

    // ------------------------------------------------------------------ internal

    /// @dev The reference price, once `price` is checked to be inside the band around it.
    function _referenceAround(uint256 price, uint256 bandBps) private view returns (uint256 ref) {
        ref = referencePrice();
        (uint256 low, uint256 high) = QuoteMathLib.band(ref, bandBps);
        if (price < low || price > high) revert PricerPoolOutsideBand(price, low, high);
    }

    /// @dev Prices the fill and books it: the books move within the holdings and the inventory
    ///      limit. Amounts stay below 2**128 (amountIn is checked, outputs are within the books).
    function _book(
        Quote calldata quote,
        uint256 amountIn,
        uint256 feeBps
    ) private returns (Trade memory t) {
        Books memory b = _books;
        t.isAsk = quote.side == Side.Ask;
        if (t.isAsk) {
            (t.assetAmount, t.fee) = QuoteMathLib.ask(quote.price, amountIn, feeBps);
            (t.amountOut, t.baseBooked) = (t.assetAmount, amountIn - t.fee);
            if (t.assetAmount > b.asset)
                revert PricerPoolInsufficientBooks(address(_asset), t.assetAmount, b.asset);
            b.asset -= uint128(t.assetAmount);
            b.base = (b.base + t.baseBooked).toUint128();
        } else {
            t.assetAmount = amountIn;
            (t.baseBooked, t.fee, t.amountOut) = QuoteMathLib.bid(quote.price, amountIn, feeBps);
            if (t.baseBooked > b.base)
                revert PricerPoolInsufficientBooks(address(_base), t.baseBooked, b.base);
            uint256 inventory = b.asset + amountIn;
            uint256 maxInventory = _limits.maxInventory;
            if (inventory > maxInventory) revert PricerPoolInventoryLimit(inventory, maxInventory);
            // Cannot truncate: inventory <= maxInventory < 2**112; baseBooked <= base, checked.
            (b.asset, b.base) = (uint128(inventory), b.base - uint128(t.baseBooked));
        }
        if (t.assetAmount == 0 || t.amountOut == 0) revert PricerPoolBadAmount(amountIn);
        _books = b;
    }

    /// @dev Counts `notional` against the cycle's capacity. The manager's cycle can only change
    ///      once the stored cycle's end has passed, so the manager is read only then; a later end
    ///      means a new cycle.
    function _useCapacity(Market memory m, uint256 notional) private {
        if (block.timestamp >= m.cycleEnd) {
            ICycleManager.State memory s = _manager.state();
            uint256 end = uint256(s.cycleStart) + s.duration;
            if (end != m.cycleEnd) {
                // Cannot truncate: the manager's 40-bit start plus a 32-bit duration, in seconds.
                (m.cycleEnd, m.used) = (uint40(end), 0);
                emit CycleRolled(end);
            }
        }
        uint256 used = m.used + notional;
        if (used > m.capacity)
            revert PricerPoolCapacityExceeded(notional, m.capacity - _min(m.used, m.capacity));
        // Cannot truncate: used <= capacity < 2**88.
        m.used = uint96(used);
        _market = m;
    }

    /// @dev Writes the lane (fill count and the pricer's edge) and reports the fill.
    function _record(
        Quote calldata quote,
        int256 lanePnl,
        uint256 filled,
        Trade memory t,
        uint256 refPrice
    ) private {
        if (filled + t.assetAmount > quote.size)
            revert PricerPoolQuoteExhausted(t.assetAmount, quote.size - _min(filled, quote.size));
        int256 gain = QuoteMathLib.edge(t.isAsk, t.assetAmount, t.baseBooked, refPrice);
        // Cannot truncate: filled + assetAmount <= size <= QuoteLib.MAX_SIZE, nonce checked < 2**48.
        _lanes[quote.pricer][quote.side] = Lane({
            nonce: uint48(quote.nonce),
            filled: uint96(filled + t.assetAmount),
            pnl: (lanePnl + gain).toInt104(),
            active: true
        });
        emit Filled(
            quote.pricer,
            msg.sender,
            quote.side,
            quote.nonce,
            t.assetAmount,
            t.isAsk ? t.baseBooked + t.fee : t.amountOut,
            t.fee,
            gain
        );
    }

    /// @dev Moves what the pool receives in and what it pays out, refusing a short arrival.
    function _settle(bool isAsk, uint256 amountIn, uint256 amountOut) private {
        (IERC20 tokenIn, IERC20 tokenOut) = isAsk ? (_base, _asset) : (_asset, _base);
        uint256 before = tokenIn.balanceOf(address(this));
        tokenIn.safeTransferFrom(msg.sender, address(this), amountIn);
        uint256 received = tokenIn.balanceOf(address(this)) - before;
        if (received != amountIn)
            revert PricerPoolTransferShortfall(address(tokenIn), amountIn, received);
        tokenOut.safeTransfer(msg.sender, amountOut);
    }

    function _authorise(Quote calldata quote, bytes calldata signature) private view {
        bytes32 digest = quoteDigest(quote);
        bool ok =
            signature.length == 0
                ? _posted[digest]
                : QuoteLib.isSignedBy(quote.pricer, digest, signature);
        if (!ok) revert PricerPoolBadSignature(quote.pricer, digest);
    }

    function _moveBooks(bool isAsset, int256 delta) private {
        if (isAsset) {
            _books.asset = (int256(uint256(_books.asset)) + delta).toUint256().toUint128();
            _capitalAsset = (_capitalAsset + delta).toInt128();
        } else {
            _books.base = (int256(uint256(_books.base)) + delta).toUint256().toUint128();
            _capitalBase = (_capitalBase + delta).toInt128();
        }
    }

    function _sweep(IERC20 token, uint256 booked) private {
        uint256 held = token.balanceOf(address(this));
        if (held <= booked) return;
        uint256 surplus = held - booked;
        _toTreasury(token, surplus, FEE_SOURCE);
        emit Swept(address(token), surplus);
    }

    function _toTreasury(IERC20 token, uint256 amount, bytes32 source) private {
        token.forceApprove(address(_treasury), amount);
        _treasury.deposit(address(token), amount, source);
    }

    function _isAsset(address token) private view returns (bool) {
        if (token == address(_asset)) return true;
        if (token != address(_base)) revert PricerPoolUnknownToken(token);
        return false;
    }

    function _bounded(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert PricerPoolBadSetting(value, min, max);
    }

    function _nonZero(address value) private pure {
        if (value == address(0)) revert PricerPoolBadAddress(value);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
