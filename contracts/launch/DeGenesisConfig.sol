// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IDeGenesis} from "../interfaces/IDeGenesis.sol";
import {DeGenesisLib} from "../libraries/DeGenesisLib.sol";

/// @title DeGenesisConfig
/// @notice The sale's fixed terms: their bounds, their checks at deployment and their views.
///         Every term is an immutable, so reading one costs what it cost inside DeGenesis; the
///         sale's state machine (commits, finalisation, claims) lives in DeGenesis.
abstract contract DeGenesisConfig is IDeGenesis {
    // ---------------------------------------------------------------- constants

    /// @notice Shortest commit window, in seconds.
    uint256 public constant MIN_WINDOW_SECONDS = 1 hours;
    /// @notice Longest commit window, in seconds.
    uint256 public constant MAX_WINDOW_SECONDS = 90 days;
    /// @notice Latest the window may open after deployment, in seconds.
    uint256 public constant MAX_START_DELAY_SECONDS = 365 days;
    /// @notice Governance must finalise within this many seconds after the window, or the sale is void.
    uint256 public constant FINALIZATION_WINDOW_SECONDS = 30 days;
    /// @notice Smallest target raise, USD (18 decimals).
    uint256 public constant MIN_TARGET_USD = 1_000e18;
    /// @notice Largest overflow cap (and so target), USD (18 decimals).
    uint256 public constant MAX_RAISE_USD = 1_000_000_000e18;
    /// @notice Smallest per-wallet cap, USD (18 decimals).
    uint256 public constant MIN_WALLET_CAP_USD = 1e18;
    /// @notice Smallest base TOKE price, USD (18 decimals).
    uint256 public constant MIN_BASE_PRICE_USD = 1e12;
    /// @notice Largest base TOKE price, USD (18 decimals).
    uint256 public constant MAX_BASE_PRICE_USD = 1_000_000e18;
    /// @notice Smallest accepted ETH price, USD (18 decimals).
    uint256 public constant MIN_ETH_USD_PRICE = 1e18;
    /// @notice Largest accepted ETH price, USD (18 decimals).
    uint256 public constant MAX_ETH_USD_PRICE = 1_000_000e18;
    /// @notice Longest TOKE vesting, in seconds.
    uint256 public constant MAX_VESTING_SECONDS = 4 * 365 days;
    /// @notice Decimals of a USD amount.
    uint8 private constant USD_DECIMALS = 18;

    // ---------------------------------------------------------------- immutables

    address internal immutable TREASURY;
    IERC20 internal immutable TOKE;
    IERC20 internal immutable USDC;
    address internal immutable WETH;
    bytes32 internal immutable MERKLE_ROOT;
    uint256 internal immutable WINDOW_START;
    uint256 internal immutable WINDOW_END;
    uint256 internal immutable TARGET_USD;
    uint256 internal immutable OVERFLOW_CAP_USD;
    uint256 internal immutable BASE_PRICE_USD;
    uint256 internal immutable WALLET_CAP_USD;
    uint256 internal immutable TOKE_ALLOCATION;
    uint256 internal immutable VESTING_SECONDS;
    /// @dev 10^(18 - USDC decimals): USDC amount * USDC_SCALE = USD (18 decimals).
    uint256 internal immutable USDC_SCALE;

    // ---------------------------------------------------------------- constructor

    /// @notice Checks every term against its bounds and fixes it.
    /// @param p The sale parameters (see IDeGenesis.Params).
    constructor(Params memory p) {
        if (p.governance == address(0)) revert DeGenesisZeroAddress("governance");
        if (p.guardian == address(0)) revert DeGenesisZeroAddress("guardian");
        if (p.treasury == address(0)) revert DeGenesisZeroAddress("treasury");
        if (address(p.toke) == address(0)) revert DeGenesisZeroAddress("toke");
        if (address(p.usdc) == address(0)) revert DeGenesisZeroAddress("usdc");
        if (p.weth == address(0)) revert DeGenesisZeroAddress("weth");
        if (p.merkleRoot == bytes32(0)) revert DeGenesisZeroAddress("merkleRoot");
        if (
            p.windowStart < block.timestamp ||
            p.windowStart > block.timestamp + MAX_START_DELAY_SECONDS ||
            p.windowEnd < p.windowStart + MIN_WINDOW_SECONDS ||
            p.windowEnd > p.windowStart + MAX_WINDOW_SECONDS
        ) revert DeGenesisBadWindow(p.windowStart, p.windowEnd);
        _checkBounds("targetUsd", p.targetUsd, MIN_TARGET_USD, MAX_RAISE_USD);
        _checkBounds("overflowCapUsd", p.overflowCapUsd, p.targetUsd, MAX_RAISE_USD);
        _checkBounds("basePriceUsd", p.basePriceUsd, MIN_BASE_PRICE_USD, MAX_BASE_PRICE_USD);
        _checkBounds("walletCapUsd", p.walletCapUsd, MIN_WALLET_CAP_USD, p.targetUsd);
        _checkBounds("ethUsdPrice", p.ethUsdPrice, MIN_ETH_USD_PRICE, MAX_ETH_USD_PRICE);
        _checkBounds("vestingSeconds", p.vestingSeconds, 0, MAX_VESTING_SECONDS);
        uint256 expected = Math.mulDiv(p.targetUsd, DeGenesisLib.WAD, p.basePriceUsd);
        if (p.tokeAllocation != expected || expected == 0)
            revert DeGenesisBadAllocation(p.tokeAllocation, expected);
        uint8 usdcDecimals = IERC20Metadata(address(p.usdc)).decimals();
        if (usdcDecimals > USD_DECIMALS) revert DeGenesisBadUsdcDecimals(usdcDecimals);

        TREASURY = p.treasury;
        TOKE = p.toke;
        USDC = p.usdc;
        WETH = p.weth;
        MERKLE_ROOT = p.merkleRoot;
        WINDOW_START = p.windowStart;
        WINDOW_END = p.windowEnd;
        TARGET_USD = p.targetUsd;
        OVERFLOW_CAP_USD = p.overflowCapUsd;
        BASE_PRICE_USD = p.basePriceUsd;
        WALLET_CAP_USD = p.walletCapUsd;
        TOKE_ALLOCATION = p.tokeAllocation;
        VESTING_SECONDS = p.vestingSeconds;
        USDC_SCALE = 10 ** (USD_DECIMALS - usdcDecimals);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDeGenesis
    function treasury() external view override returns (address) {
        return TREASURY;
    }

    /// @inheritdoc IDeGenesis
    function toke() external view override returns (IERC20) {
        return TOKE;
    }

    /// @inheritdoc IDeGenesis
    function usdc() external view override returns (IERC20) {
        return USDC;
    }

    /// @inheritdoc IDeGenesis
    function weth() external view override returns (address) {
        return WETH;
    }

    /// @inheritdoc IDeGenesis
    function merkleRoot() external view override returns (bytes32) {
        return MERKLE_ROOT;
    }

    /// @inheritdoc IDeGenesis
    function windowStart() external view override returns (uint256) {
        return WINDOW_START;
    }

    /// @inheritdoc IDeGenesis
    function windowEnd() external view override returns (uint256) {
        return WINDOW_END;
    }

    /// @inheritdoc IDeGenesis
    function targetUsd() external view override returns (uint256) {
        return TARGET_USD;
    }

    /// @inheritdoc IDeGenesis
    function overflowCapUsd() external view override returns (uint256) {
        return OVERFLOW_CAP_USD;
    }

    /// @inheritdoc IDeGenesis
    function basePriceUsd() external view override returns (uint256) {
        return BASE_PRICE_USD;
    }

    /// @inheritdoc IDeGenesis
    function walletCapUsd() external view override returns (uint256) {
        return WALLET_CAP_USD;
    }

    /// @inheritdoc IDeGenesis
    function tokeAllocation() external view override returns (uint256) {
        return TOKE_ALLOCATION;
    }

    /// @inheritdoc IDeGenesis
    function vestingSeconds() external view override returns (uint256) {
        return VESTING_SECONDS;
    }

    // ---------------------------------------------------------------- internal

    function _checkBounds(
        string memory what,
        uint256 value,
        uint256 min,
        uint256 max
    ) internal pure {
        if (value < min || value > max) revert DeGenesisOutOfBounds(what, value, min, max);
    }
}
