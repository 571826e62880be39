// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakeListener} from "./IStakeVotes.sol";

/// @title IFeeDistributor
/// @notice Distributes protocol fees (one reward token, e.g. WETH the Treasury collected) to TOKE
///         staked in LD staking, in proportion to each stake's TOKE value and to the time it was
///         staked. Governance pays the fees in (Treasury.pay) and calls `distribute`; the amount
///         streams over `distributionSeconds`, so stake added just before a distribution earns
///         only from then on. Accounting is per Reactor: a reward-per-TOKE accumulator, turned
///         into a reward-per-unit one with the Reactor's unit value (which a slash lowers), and a
///         per-holder checkpoint, so a claim costs the same however many distributions passed and
///         however many holders there are (its loop runs over the Reactors, at most 32).
///         Everything rounds down; time with no stake is carried to the next distribution.
/// @dev Warning: it learns stake only from the stake-votes source (its listener): it must be set
///      as the listener before anyone stakes.
interface IFeeDistributor is IStakeListener {
    /// @notice `caller` is not the stake-votes source.
    error FeeDistributorOnlySource(address caller);
    /// @notice A zero amount or address.
    error FeeDistributorZero();
    /// @notice Asked to distribute `amount` with only `available` received and not committed.
    error FeeDistributorUnfunded(uint256 amount, uint256 available);
    /// @notice A distribution period outside [`min`, `max`] seconds.
    error FeeDistributorBadPeriod(uint256 period, uint256 min, uint256 max);

    /// @notice Governance started distributing `amount` (plus what was left and carried) over
    ///         `period` seconds, at `rateWad` / 1e18 reward wei per second, until `finish`.
    event Distributed(uint256 amount, uint256 period, uint256 rateWad, uint256 finish);
    /// @notice `account` claimed `amount` to `receiver`.
    event Claimed(address indexed account, address indexed receiver, uint256 amount);
    /// @notice Governance set the distribution period.
    event PeriodSet(uint256 period);

    /// @notice Streams `amount` of the reward token, already sent here (and not committed to an
    ///         earlier distribution), to stakers over the distribution period; what is left of a
    ///         running period and what was carried are added (governance).
    function distribute(uint256 amount) external;

    /// @notice Sends the caller's rewards on every Reactor to `receiver`.
    /// @return amount Reward wei sent.
    function claim(address receiver) external returns (uint256 amount);

    /// @notice Sets the distribution period, seconds (governance; bounded).
    function setDistributionSeconds(uint32 period) external;

    /// @notice The reward token.
    function rewardToken() external view returns (address);

    /// @notice The stake-votes source it listens to.
    function source() external view returns (address);

    /// @notice Seconds each distribution streams over.
    function distributionSeconds() external view returns (uint32);

    /// @notice When the running distribution ends, unix seconds.
    function periodFinish() external view returns (uint256);

    /// @notice Reward wei committed to distributions and not yet claimed.
    function committed() external view returns (uint256);

    /// @notice Reward wei `account` can claim now.
    function claimable(address account) external view returns (uint256);

    /// @notice The TOKE value of the stake earning now (units times unit value, rounded up).
    function totalValue() external view returns (uint256);
}
