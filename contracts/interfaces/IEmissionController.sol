// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEmissionHook} from "./IEmissionHook.sol";

/// @title IEmissionController
/// @notice TOKE emissions, balance-driven (docs/emissions.md), paid without a signer.
///
///         - A reserve of TOKE funds the emissions. Each cycle draws a budget from it: a fixed
///           amount per cycle set by governance, capped by what the reserve holds, plus whatever
///           earlier cycles could not pay out (carried forward, never lost).
///         - The budget of cycle c is shared by weights fixed when c started: in the rollover that
///           closes cycle c-1, each Reactor's weight for cycle c is computed from the values it
///           had in cycle c-1 (its active assets and the LD stake active on it, valued in TOKE).
///           So the weights of all Reactors are consistent however the rollover is chunked, and
///           every party knows at the start of a cycle what each Reactor side will earn in it.
///         - In the rollover closing cycle c, each Reactor's share is booked: the LP side through
///           the Reactor (the value returned to the cycle manager), the LD side through the stake
///           ledger (ILDStaking.settle), the pooled TOKE's part to the TOKE Reactor's LP side.
///           Whatever is booked to nobody is carried forward.
///         - The LDs of one Reactor earn at most K times the round's average LD rate per TOKE
///           (`rateCapBps`); the excess is carried. The LP side of a Reactor the Treasury covers
///           is cut along the coverage curve and the cut goes back to the reserve (not emitted).
///         - Coverage: the Treasury's share of each Reactor's active tAssets, recorded at every
///           rollover; the singularity is every Reactor fully covered for K cycles in a row.
///         - Anyone claims their LP and LD rewards of several Reactors in one call, O(1) per
///           Reactor and side however many cycles passed, to themselves or to a receiver, or
///           stakes them.
/// @dev Warning: the TOKE Reactor (pooled LD option) is set once; LD stake on it is refused by
///      ILDStaking (TOKE Reactors cannot be staked on).
interface IEmissionController is IEmissionHook {
    /// @notice The budget of the cycle being paid out in the current (or last) rollover.
    /// @param budget What the cycle may pay, TOKE wei.
    /// @param paid   What was booked so far, TOKE wei.
    /// @param cycle  The cycle (NO_ROUND before the first rollover).
    struct Round {
        uint112 budget;
        uint112 paid;
        uint32 cycle;
    }

    /// @notice Sums of the Reactor snapshots taken to pay `cycle`, in TOKE wei (two slots; the
    ///         cycle tag lets a buffer be reused without being cleared).
    /// @param weight   Sum of the Reactor weights.
    /// @param ldWeight Sum of their LD-side weights.
    /// @param cycle    The cycle these sums pay.
    /// @param stake    Sum of the LD stake they valued.
    /// @param pooled   TOKE in the TOKE Reactor (pooled LDs).
    /// @param reactors Reactors recorded (the TOKE Reactor excluded).
    /// @param covered  Of these, the ones fully covered for `singularityCycles` cycles in a row.
    struct Sums {
        uint112 weight;
        uint112 ldWeight;
        uint32 cycle;
        uint112 stake;
        uint112 pooled;
        uint16 reactors;
        uint16 covered;
    }

    /// @notice A Reactor's weights for paying `cycle`'s budget, and its coverage in the cycle
    ///         before (the one its weights were taken in).
    /// @param coverageBps   The Treasury's active tAssets over the Reactor's, basis points. The
    ///                      Treasury's tAssets escrowed in a redemption request are leaving and
    ///                      do not count.
    /// @param coveredCycles Consecutive cycles, up to that one, the Reactor was fully covered.
    struct Snapshot {
        uint96 lpWeight;
        uint96 ldWeight;
        uint32 cycle;
        uint16 coverageBps;
        uint16 coveredCycles;
    }

    // ------------------------------------------------------------------ errors

    /// @notice `caller` is not the cycle manager.
    error EmissionControllerOnlyManager(address caller);
    /// @notice A zero amount or address was given.
    error EmissionControllerZero();
    /// @notice `reactor` was never settled by the cycle manager: it has nothing to claim.
    error EmissionControllerUnknownReactor(address reactor);
    /// @notice `amount` is more than the unbudgeted reserve `reserve`.
    error EmissionControllerExceedsReserve(uint256 amount, uint256 reserve);
    /// @notice A parameter is outside [min, max].
    error EmissionControllerBadParameter(uint256 value, uint256 min, uint256 max);
    /// @notice `reactor` cannot be the TOKE Reactor (not registered, not TOKE, or one is set).
    error EmissionControllerBadPoolReactor(address reactor);

    // ------------------------------------------------------------------ events

    /// @notice The rollover of `cycle` began: `drawn` came from the reserve and `carriedIn` from
    ///         earlier cycles, for a budget of `budget`.
    event RoundOpened(uint32 indexed cycle, uint256 drawn, uint256 carriedIn, uint256 budget);
    /// @notice `reactor` was settled for `cycle`: `lpReward` and `ldReward` booked; the values
    ///         it had in `cycle` (TOKE wei) set its weights for the next cycle.
    event ReactorSettled(
        address indexed reactor,
        uint32 indexed cycle,
        uint256 lpReward,
        uint256 ldReward,
        uint256 assetValue,
        uint256 stakeValue
    );
    /// @notice `reactor`'s asset had no fresh price: it gets no weight for the cycle after `cycle`.
    event PriceMissing(address indexed reactor, uint32 indexed cycle);
    /// @notice `amount` of `reactor`'s reward for `cycle` was booked to nobody: carried forward.
    event RewardCarried(address indexed reactor, uint32 indexed cycle, uint256 amount);
    /// @notice `account` claimed `amount` to `receiver`.
    event Claimed(address indexed account, address indexed receiver, uint256 amount);
    /// @notice The coverage cut of `reactor`'s LP reward for `cycle`, `amount`, went back to the reserve.
    event CoverageCutReturned(address indexed reactor, uint32 indexed cycle, uint256 amount);
    /// @notice Governance set K, the LD rate cap, in basis points of the average rate.
    event RateCapSet(uint256 capBps);
    /// @notice Governance set the coverage curve: the LP cut at full coverage and the cycles of
    ///         full coverage that make the singularity.
    event CoverageCurveSet(uint256 cutBps, uint256 singularityCycles);
    /// @notice `from` added `amount` to the reserve.
    event Funded(address indexed from, uint256 amount);
    /// @notice Governance took `amount` out of the unbudgeted reserve to `to`.
    event ReserveWithdrawn(address indexed to, uint256 amount);
    /// @notice Governance set the amount drawn per cycle.
    event EmissionPerCycleSet(uint256 amount);
    /// @notice Governance set the balance floor F.
    event BalanceFloorSet(uint256 floorBps);
    /// @notice Governance set the TOKE Reactor (pooled LDs).
    event PoolReactorSet(address indexed reactor);
    /// @notice Governance set the price feed.
    event PriceFeedSet(address indexed priceFeed);

    // ------------------------------------------------------------------ claims

    /// @notice Pays the caller's LP rewards on `lpReactors` (tAssets held) and LD rewards on
    ///         `ldReactors` (stake) to `receiver`. The two lists are apart so that a claim touches
    ///         only the ledgers the caller is in.
    /// @return amount TOKE paid.
    function claim(
        address[] calldata lpReactors,
        address[] calldata ldReactors,
        address receiver
    ) external returns (uint256 amount);

    /// @notice Stakes the caller's LP rewards on `lpReactors` and LD rewards on `ldReactors` for
    ///         the caller on `stakeOn` (counting from the next cycle).
    /// @return amount TOKE staked.
    function claimAndStake(
        address[] calldata lpReactors,
        address[] calldata ldReactors,
        address stakeOn
    ) external returns (uint256 amount);

    /// @notice What `account` could claim now: LP rewards on `lpReactors`, LD rewards on `ldReactors`.
    function claimable(
        address account,
        address[] calldata lpReactors,
        address[] calldata ldReactors
    ) external view returns (uint256 amount);

    // ------------------------------------------------------------------ reserve

    /// @notice Adds `amount` TOKE from the caller to the reserve.
    function fund(uint256 amount) external;

    /// @notice Sends `amount` of the unbudgeted reserve to `to` (governance).
    function withdrawReserve(address to, uint256 amount) external;

    // ------------------------------------------------------------------ governance

    /// @notice Sets the amount drawn from the reserve per cycle (governance), at most
    ///         MAX_EMISSION_PER_CYCLE; it applies from the next rollover.
    function setEmissionPerCycle(uint256 amount) external;

    /// @notice Sets the balance floor F (governance), at most MAX_FLOOR_BPS; it applies to the
    ///         weights computed from the next rollover.
    function setBalanceFloor(uint256 floorBps) external;

    /// @notice Sets K, the LD rate cap (governance), in [MIN_RATE_CAP_BPS, MAX_RATE_CAP_BPS] basis
    ///         points of the round's average LD rate; it applies from the next rollover.
    function setRateCap(uint256 capBps) external;

    /// @notice Sets the coverage curve (governance): the LP side keeps 1 - cutBps * coverage of
    ///         its emission (`cutBps` at most 10,000), and the singularity needs every Reactor
    ///         fully covered for `singularityCycles` cycles in a row (within
    ///         [MIN_SINGULARITY_CYCLES, MAX_SINGULARITY_CYCLES]).
    function setCoverageCurve(uint256 cutBps, uint256 singularityCycles) external;

    /// @notice Sets the TOKE Reactor (governance, once): a registered Reactor whose asset is TOKE.
    function setPoolReactor(address reactor) external;

    /// @notice Sets the price feed (governance).
    function setPriceFeed(address priceFeed) external;

    // ------------------------------------------------------------------ views

    /// @notice The reward token (TOKE).
    function toke() external view returns (address);

    /// @notice The cycle manager (the only caller of the hook).
    function manager() external view returns (address);

    /// @notice The LD stake ledgers.
    function staking() external view returns (address);

    /// @notice The price feed valuing assets in TOKE.
    function priceFeed() external view returns (address);

    /// @notice The TOKE Reactor (zero until set).
    function poolReactor() external view returns (address);

    /// @notice TOKE drawn per cycle.
    function emissionPerCycle() external view returns (uint256);

    /// @notice The balance floor F, basis points.
    function balanceFloorBps() external view returns (uint256);

    /// @notice K, the LD rate cap, in basis points of the round's average LD rate.
    function rateCapBps() external view returns (uint256);

    /// @notice The coverage curve (see `setCoverageCurve`).
    function coverageCurve() external view returns (uint256 cutBps, uint256 singularityCycles);

    /// @notice Whether every Reactor recorded for the current cycle (the TOKE Reactor aside) was
    ///         fully covered by the Treasury for `singularityCycles` consecutive cycles.
    function singularity() external view returns (bool);

    /// @notice The Treasury's share of all Reactors' active assets (the TOKE Reactor aside),
    ///         valued in TOKE at the feed's prices now, basis points; unpriced Reactors left out.
    function overallCoverage() external view returns (uint256 coverageBps);

    /// @notice Unbudgeted TOKE in the reserve.
    function reserve() external view returns (uint256);

    /// @notice TOKE drawn from the reserve so far, net of coverage cuts returned to it.
    function totalDrawn() external view returns (uint256);

    /// @notice TOKE drawn and not booked to anyone yet (carried forward, or left in the current
    ///         round's budget): totalDrawn() = booked + undistributed().
    function undistributed() external view returns (uint256);

    /// @notice The current round.
    function round() external view returns (Round memory);

    /// @notice The snapshot sums that pay `cycle` (all zero if none were gathered for it).
    function sumsFor(uint32 cycle) external view returns (Sums memory);

    /// @notice `reactor`'s latest snapshot.
    function snapshotOf(address reactor) external view returns (Snapshot memory);
}
