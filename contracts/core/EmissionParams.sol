// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ICycleManager} from "../interfaces/ICycleManager.sol";
import {IEmissionController} from "../interfaces/IEmissionController.sol";
import {IPriceFeed} from "../interfaces/IPriceFeed.sol";
import {EmissionMathLib} from "../libraries/EmissionMathLib.sol";
import {RoleGated} from "./RoleGated.sol";

/// @title EmissionParams
/// @notice The emission controller's governance parameters, their bounds, setters and views
///         (see IEmissionController, docs/emissions.md); the controller inherits them.
abstract contract EmissionParams is IEmissionController, RoleGated {
    /// @notice Largest emission per cycle, TOKE wei (10M TOKE).
    uint256 public constant MAX_EMISSION_PER_CYCLE = 10_000_000e18;
    /// @notice Largest balance floor, basis points: balance always moves weight by at least 10%.
    uint256 public constant MAX_FLOOR_BPS = 9_000;
    /// @notice Lowest K, the LD rate cap, in basis points of the round's average LD rate (1x).
    uint256 public constant MIN_RATE_CAP_BPS = 10_000;
    /// @notice Highest K (10x the average).
    uint256 public constant MAX_RATE_CAP_BPS = 100_000;
    /// @notice K at deployment: 3x the average.
    uint256 public constant DEFAULT_RATE_CAP_BPS = 30_000;
    /// @notice The LP side's cut at full coverage, basis points, at deployment (at most BPS).
    uint256 public constant DEFAULT_COVERAGE_CUT_BPS = 10_000;
    /// @notice Fewest consecutive fully covered cycles that make the singularity.
    uint256 public constant MIN_SINGULARITY_CYCLES = 1;
    /// @notice Most consecutive fully covered cycles the singularity may ask for.
    uint256 public constant MAX_SINGULARITY_CYCLES = 52;
    /// @notice Singularity cycles at deployment.
    uint256 public constant DEFAULT_SINGULARITY_CYCLES = 4;

    /// @param poolReactor       The TOKE Reactor (pooled LDs).
    /// @param floorBps          The balance floor F.
    /// @param rateCapBps        K, the LD rate cap (basis points of the average rate).
    /// @param coverageCutBps    The LP side's cut at full coverage.
    /// @param singularityCycles Consecutive fully covered cycles that make the singularity.
    struct Params {
        address poolReactor;
        uint16 floorBps;
        uint32 rateCapBps;
        uint16 coverageCutBps;
        uint16 singularityCycles;
    }

    IERC20 internal immutable _toke;
    address internal immutable _manager;

    IPriceFeed internal _priceFeed;
    Params internal _params;
    uint256 internal _emissionPerCycle;

    /// @notice Checks and stores the dependencies and parameters below.
    /// @param roles_            The protocol's role registry.
    /// @param toke_             The TOKE token.
    /// @param manager_          The cycle manager.
    /// @param priceFeed_        Asset-to-TOKE prices.
    /// @param emissionPerCycle_ TOKE drawn per cycle.
    /// @param floorBps_         Balance floor F, basis points.
    constructor(
        IAccessControl roles_,
        IERC20 toke_,
        address manager_,
        IPriceFeed priceFeed_,
        uint256 emissionPerCycle_,
        uint256 floorBps_
    ) RoleGated(roles_) {
        if (
            address(toke_) == address(0) ||
            manager_ == address(0) ||
            address(priceFeed_) == address(0)
        ) revert EmissionControllerZero();
        _toke = toke_;
        _manager = manager_;
        _priceFeed = priceFeed_;
        _setEmissionPerCycle(emissionPerCycle_);
        _setBalanceFloor(floorBps_);
        _setRateCap(DEFAULT_RATE_CAP_BPS);
        _setCoverageCurve(DEFAULT_COVERAGE_CUT_BPS, DEFAULT_SINGULARITY_CYCLES);
    }

    // ------------------------------------------------------------------ governance

    /// @inheritdoc IEmissionController
    function setEmissionPerCycle(uint256 amount) external onlyGovernance {
        _setEmissionPerCycle(amount);
    }

    /// @inheritdoc IEmissionController
    function setBalanceFloor(uint256 floorBps) external onlyGovernance {
        _setBalanceFloor(floorBps);
    }

    /// @inheritdoc IEmissionController
    function setRateCap(uint256 capBps) external onlyGovernance {
        _setRateCap(capBps);
    }

    /// @inheritdoc IEmissionController
    function setCoverageCurve(uint256 cutBps, uint256 singularityCycles) external onlyGovernance {
        _setCoverageCurve(cutBps, singularityCycles);
    }

    /// @inheritdoc IEmissionController
    function setPoolReactor(address reactor) external onlyGovernance {
        if (
            _params.poolReactor != address(0) ||
            !ICycleManager(_manager).isReactor(reactor) ||
            IERC4626(reactor).asset() != address(_toke)
        ) revert EmissionControllerBadPoolReactor(reactor);
        _params.poolReactor = reactor;
        emit PoolReactorSet(reactor);
    }

    /// @inheritdoc IEmissionController
    function setPriceFeed(address priceFeed_) external onlyGovernance {
        if (priceFeed_ == address(0)) revert EmissionControllerZero();
        _priceFeed = IPriceFeed(priceFeed_);
        emit PriceFeedSet(priceFeed_);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IEmissionController
    function toke() external view returns (address) {
        return address(_toke);
    }

    /// @inheritdoc IEmissionController
    function manager() external view returns (address) {
        return _manager;
    }

    /// @inheritdoc IEmissionController
    function priceFeed() external view returns (address) {
        return address(_priceFeed);
    }

    /// @inheritdoc IEmissionController
    function poolReactor() external view returns (address) {
        return _params.poolReactor;
    }

    /// @inheritdoc IEmissionController
    function emissionPerCycle() external view returns (uint256) {
        return _emissionPerCycle;
    }

    /// @inheritdoc IEmissionController
    function balanceFloorBps() external view returns (uint256) {
        return _params.floorBps;
    }

    /// @inheritdoc IEmissionController
    function rateCapBps() external view returns (uint256) {
        return _params.rateCapBps;
    }

    /// @inheritdoc IEmissionController
    function coverageCurve() external view returns (uint256 cutBps, uint256 singularityCycles) {
        return (_params.coverageCutBps, _params.singularityCycles);
    }

    // ------------------------------------------------------------------ internal

    function _setEmissionPerCycle(uint256 amount) private {
        if (amount > MAX_EMISSION_PER_CYCLE)
            revert EmissionControllerBadParameter(amount, 0, MAX_EMISSION_PER_CYCLE);
        _emissionPerCycle = amount;
        emit EmissionPerCycleSet(amount);
    }

    function _setBalanceFloor(uint256 floorBps) private {
        if (floorBps > MAX_FLOOR_BPS)
            revert EmissionControllerBadParameter(floorBps, 0, MAX_FLOOR_BPS);
        // Cannot truncate: floorBps <= MAX_FLOOR_BPS.
        _params.floorBps = uint16(floorBps);
        emit BalanceFloorSet(floorBps);
    }

    function _setRateCap(uint256 capBps) private {
        if (capBps < MIN_RATE_CAP_BPS || capBps > MAX_RATE_CAP_BPS)
            revert EmissionControllerBadParameter(capBps, MIN_RATE_CAP_BPS, MAX_RATE_CAP_BPS);
        // Cannot truncate: capBps <= MAX_RATE_CAP_BPS.
        _params.rateCapBps = uint32(capBps);
        emit RateCapSet(capBps);
    }

    function _setCoverageCurve(uint256 cutBps, uint256 singularityCycles) private {
        if (cutBps > EmissionMathLib.BPS)
            revert EmissionControllerBadParameter(cutBps, 0, EmissionMathLib.BPS);
        if (
            singularityCycles < MIN_SINGULARITY_CYCLES || singularityCycles > MAX_SINGULARITY_CYCLES
        ) {
            revert EmissionControllerBadParameter(
                singularityCycles,
                MIN_SINGULARITY_CYCLES,
                MAX_SINGULARITY_CYCLES
            );
        }
        // Cannot truncate: both within the bounds just checked.
        (_params.coverageCutBps, _params.singularityCycles) = (
            uint16(cutBps),
            uint16(singularityCycles)
        );
        emit CoverageCurveSet(cutBps, singularityCycles);
    }
}
