// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title QuoteMathLib
/// @notice The maths of a pricer fill. Prices are raw base per raw asset, 1e18-scaled. Every
///         rounding favours the pool: what it pays rounds down, what it is owed rounds up, and
///         the edge it books against the reference rounds against it.
/// @dev Inputs are bounded by the caller: amounts below 2**128, prices at most 1e54 (a quote's
///      at most 1e36), basis points at most BPS; so every product stays below 2**256 and plain
///      checked arithmetic is exact.
library QuoteMathLib {
    /// @notice Price scale: 1e18 = one raw base unit per raw asset unit.
    uint256 internal constant PRICE_SCALE = 1e18;
    /// @notice Basis points in one.
    uint256 internal constant BPS = 10_000;

    /// @notice The band [low, high] of `bandBps` around `refPrice`: low rounds up, high down.
    function band(
        uint256 refPrice,
        uint256 bandBps
    ) internal pure returns (uint256 low, uint256 high) {
        low = _divUp(refPrice * (BPS - bandBps), BPS);
        high = (refPrice * (BPS + bandBps)) / BPS;
    }

    /// @notice The reference price of the asset in base from both priced in a common unit
    ///         (TOKE wei per raw unit, 1e18-scaled, each at most 1e36): rounded down.
    function crossPrice(uint256 assetPrice, uint256 basePrice) internal pure returns (uint256) {
        return (assetPrice * PRICE_SCALE) / basePrice;
    }

    /// @notice An ask fill: the taker pays `baseIn` (fee included) and receives asset.
    /// @return assetOut Asset paid out: (baseIn - fee) / price, rounded down.
    /// @return fee      The fee, `feeBps` of baseIn rounded up.
    function ask(
        uint256 price,
        uint256 baseIn,
        uint256 feeBps
    ) internal pure returns (uint256 assetOut, uint256 fee) {
        fee = _divUp(baseIn * feeBps, BPS);
        assetOut = ((baseIn - fee) * PRICE_SCALE) / price;
    }

    /// @notice A bid fill: the taker pays `assetIn` and receives base.
    /// @return gross   assetIn x price, rounded down: what leaves the pool's books.
    /// @return fee     `feeBps` of gross rounded up, kept for the Treasury.
    /// @return baseOut gross - fee, paid to the taker.
    function bid(
        uint256 price,
        uint256 assetIn,
        uint256 feeBps
    ) internal pure returns (uint256 gross, uint256 fee, uint256 baseOut) {
        gross = (assetIn * price) / PRICE_SCALE;
        fee = _divUp(gross * feeBps, BPS);
        baseOut = gross - fee;
    }

    /// @notice The base value of a signed asset amount at `refPrice`, rounded towards minus
    ///         infinity (a holding rounds down, a debt up).
    function value(int256 assetAmount, uint256 refPrice) internal pure returns (int256) {
        // Both casts are exact: |assetAmount| < 2**128 and the value < 2**255.
        return
            assetAmount >= 0
                ? int256((uint256(assetAmount) * refPrice) / PRICE_SCALE)
                : -int256(_divUp(uint256(-assetAmount) * refPrice, PRICE_SCALE));
    }

    /// @notice The pool's edge against the reference: what it received minus what it gave, the
    ///         asset valued at `refPrice` rounded against the pool.
    /// @param isAsk       Whether the pool sold the asset.
    /// @param assetAmount Asset traded.
    /// @param baseBooked  Base booked in (ask: baseIn - fee) or out (bid: gross).
    function edge(
        bool isAsk,
        uint256 assetAmount,
        uint256 baseBooked,
        uint256 refPrice
    ) internal pure returns (int256) {
        // The casts are exact: both amounts are below 2**128.
        int256 signedAsset = isAsk ? -int256(assetAmount) : int256(assetAmount);
        int256 signedBase = isAsk ? int256(baseBooked) : -int256(baseBooked);
        return signedBase + value(signedAsset, refPrice);
    }

    function _divUp(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
