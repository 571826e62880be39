// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {RoleGated} from "../core/RoleGated.sol";
import {IUniswapV2Factory} from "../interfaces/external/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../interfaces/external/IUniswapV2Pair.sol";
import {IFallbackPriceFeed} from "../interfaces/IFallbackPriceFeed.sol";
import {ITwapOracle} from "../interfaces/ITwapOracle.sol";

/// @title TwapOracle
/// @notice Reference prices for venue moves, from Uniswap V2 cumulative prices (see ITwapOracle).
contract TwapOracle is ITwapOracle, RoleGated {
    /// @notice Shortest `minWindow` allowed: about 50 blocks of 12 s, so that a manipulation
    ///         must be held across many blocks.
    uint256 public constant MIN_WINDOW_FLOOR_SECONDS = 10 minutes;
    /// @notice Longest `maxWindow` allowed: older averages no longer describe the market.
    uint256 public constant MAX_WINDOW_CEILING_SECONDS = 30 days;
    /// @notice Longest `maxFeedAge` allowed.
    uint256 public constant MAX_FEED_AGE_CEILING_SECONDS = 2 days;

    /// @notice Per-pair state; the two observation times share the pair's slot.
    /// @param pair            The Uniswap V2 pair observed.
    /// @param tokenIsToken0   Whether `token` is the pair's token0 (which cumulative to read).
    /// @param olderTime       When `olderCumulative` was observed.
    /// @param newerTime       When `newerCumulative` was observed (0: never).
    /// @param olderCumulative The cumulative price of token in base at `olderTime`.
    /// @param newerCumulative The cumulative price of token in base at `newerTime`.
    struct Source {
        address pair;
        bool tokenIsToken0;
        uint40 olderTime;
        uint40 newerTime;
        uint256 olderCumulative;
        uint256 newerCumulative;
    }

    IUniswapV2Factory private immutable _factory;
    uint256 private immutable _minWindow;
    uint256 private immutable _maxWindow;
    uint256 private immutable _maxFeedAge;

    mapping(address token => mapping(address base => Source)) private _sources;
    mapping(address token => mapping(address base => IFallbackPriceFeed)) private _feeds;

    /// @param factory_    The Uniswap V2 factory whose pairs are observed.
    /// @param roles_      The protocol's role registry (governance sets fallback feeds).
    /// @param minWindow_  Shortest averaging window (s), >= MIN_WINDOW_FLOOR_SECONDS.
    /// @param maxWindow_  Longest averaging window (s), > minWindow_, <= MAX_WINDOW_CEILING_SECONDS.
    /// @param maxFeedAge_ Oldest usable fallback price (s), in (0, MAX_FEED_AGE_CEILING_SECONDS].
    constructor(
        address factory_,
        IAccessControl roles_,
        uint256 minWindow_,
        uint256 maxWindow_,
        uint256 maxFeedAge_
    ) RoleGated(roles_) {
        if (factory_ == address(0)) revert TwapOracleZeroAddress();
        if (
            minWindow_ < MIN_WINDOW_FLOOR_SECONDS ||
            maxWindow_ <= minWindow_ ||
            maxWindow_ > MAX_WINDOW_CEILING_SECONDS ||
            maxFeedAge_ == 0 ||
            maxFeedAge_ > MAX_FEED_AGE_CEILING_SECONDS
        ) revert TwapOracleBadBounds(minWindow_, maxWindow_, maxFeedAge_);
        _factory = IUniswapV2Factory(factory_);
        _minWindow = minWindow_;
        _maxWindow = maxWindow_;
        _maxFeedAge = maxFeedAge_;
    }

    /// @inheritdoc ITwapOracle
    function factory() external view returns (address) {
        return address(_factory);
    }

    /// @inheritdoc ITwapOracle
    function minWindow() external view returns (uint256) {
        return _minWindow;
    }

    /// @inheritdoc ITwapOracle
    function maxWindow() external view returns (uint256) {
        return _maxWindow;
    }

    /// @inheritdoc ITwapOracle
    function maxFeedAge() external view returns (uint256) {
        return _maxFeedAge;
    }

    /// @inheritdoc ITwapOracle
    function fallbackFeed(address token, address base) external view returns (address) {
        return address(_feeds[token][base]);
    }

    /// @inheritdoc ITwapOracle
    function track(address token, address base) external {
        Source storage source = _sources[token][base];
        if (source.pair != address(0)) revert TwapOracleAlreadyTracked(token, base);
        address pair = _factory.getPair(token, base);
        if (pair == address(0)) revert TwapOracleNoPair(token, base);
        (uint112 reserve0, uint112 reserve1, ) = IUniswapV2Pair(pair).getReserves();
        if (reserve0 == 0 || reserve1 == 0) revert TwapOracleNoPair(token, base);

        bool tokenIsToken0 = token < base;
        source.pair = pair;
        source.tokenIsToken0 = tokenIsToken0;
        source.newerTime = uint40(block.timestamp);
        uint256 cumulative = _currentCumulative(pair, tokenIsToken0);
        source.newerCumulative = cumulative;
        emit PairTracked(token, base, pair);
        emit ObservationRecorded(token, base, cumulative);
    }

    /// @inheritdoc ITwapOracle
    function update(address token, address base) external returns (bool recorded) {
        Source storage source = _sources[token][base];
        address pair = source.pair;
        if (pair == address(0)) revert TwapOracleNotTracked(token, base);
        uint40 newerTime = source.newerTime;
        // Observations stay at least minWindow apart, which is what lets `consult` always find
        // one that is old enough.
        if (block.timestamp - newerTime < _minWindow) return false;

        uint256 cumulative = _currentCumulative(pair, source.tokenIsToken0);
        source.olderTime = newerTime;
        source.newerTime = uint40(block.timestamp);
        source.olderCumulative = source.newerCumulative;
        source.newerCumulative = cumulative;
        emit ObservationRecorded(token, base, cumulative);
        return true;
    }

    /// @inheritdoc ITwapOracle
    function consult(address token, address base) external view returns (uint256 priceX112) {
        Source storage source = _sources[token][base];
        address pair = source.pair;
        if (pair == address(0)) revert TwapOracleNotTracked(token, base);

        uint256 newerAge = block.timestamp - source.newerTime;
        bool useNewer = newerAge >= _minWindow;
        uint256 time = useNewer ? source.newerTime : source.olderTime;
        uint256 age = block.timestamp - time;
        // olderTime == 0 means only one observation exists and it is too young.
        if (time != 0 && age >= _minWindow && age <= _maxWindow) {
            uint256 then = useNewer ? source.newerCumulative : source.olderCumulative;
            uint256 cumulativeNow = _currentCumulative(pair, source.tokenIsToken0);
            // Cumulative prices wrap by design (as in the pair); the difference over a window
            // is exact modulo 2**256.
            unchecked {
                return (cumulativeNow - then) / age;
            }
        }
        return _fallbackPrice(token, base, time == 0 ? newerAge : age);
    }

    /// @inheritdoc ITwapOracle
    function setFallbackFeed(address token, address base, address feed) external onlyGovernance {
        _feeds[token][base] = IFallbackPriceFeed(feed);
        emit FallbackFeedSet(token, base, feed);
    }

    /// @dev The fallback feed's price if it is fresh and non-zero; otherwise a revert.
    function _fallbackPrice(address token, address base, uint256 observationAge) private view returns (uint256) {
        IFallbackPriceFeed feed = _feeds[token][base];
        if (address(feed) != address(0)) {
            (uint256 priceX112, uint256 updatedAt) = feed.latestPrice(token, base);
            if (priceX112 != 0 && updatedAt <= block.timestamp && block.timestamp - updatedAt <= _maxFeedAge) {
                return priceX112;
            }
        }
        revert TwapOracleStale(token, base, observationAge);
    }

    /// @dev The pair's cumulative price of token in base as of now: the stored value plus the
    ///      current price times the seconds since the pair last updated it (the pair's own rule).
    function _currentCumulative(address pair, bool tokenIsToken0) private view returns (uint256 cumulative) {
        IUniswapV2Pair p = IUniswapV2Pair(pair);
        cumulative = tokenIsToken0 ? p.price0CumulativeLast() : p.price1CumulativeLast();
        (uint112 reserve0, uint112 reserve1, uint32 lastUpdate) = p.getReserves();
        // The pair keeps time mod 2**32 and lets the cumulative wrap; both are mirrored here.
        unchecked {
            uint32 elapsed = uint32(block.timestamp) - lastUpdate;
            if (elapsed != 0 && reserve0 != 0 && reserve1 != 0) {
                uint256 priceX112 = tokenIsToken0
                    ? (uint256(reserve1) << 112) / reserve0
                    : (uint256(reserve0) << 112) / reserve1;
                cumulative += priceX112 * elapsed;
            }
        }
    }
}
