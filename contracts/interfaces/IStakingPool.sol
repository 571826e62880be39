// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Amounts, prices and timestamps in these events are data, not search keys: indexing them would
// cost gas on every emit for no query anyone makes. Actors and ids are indexed.
// solhint-disable gas-indexed-events

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IStakeWeightSource} from "./IStakeWeightSource.sol";

/// @title IStakingPool
/// @notice A launch staking pool: stake one token, earn TOKE from a time-based reward-per-token
///         accumulator that governance funds. Stake balances are checkpointed on the timestamp
///         clock so the CoRE election can read them at a snapshot (IStakeWeightSource).
/// @dev Roles (OpenZeppelin AccessControl): DEFAULT_ADMIN_ROLE is governance (a timelock) and
///      may fund rewards and unpause; GUARDIAN_ROLE may pause staking only. Pausing never blocks
///      withdrawals or reward claims.
/// @dev Warning: the staking token must be a plain ERC20 (no rebasing). A fee-on-transfer token
///      is credited with what the pool actually received.
interface IStakingPool is IStakeWeightSource, IERC6372 {
    /// @notice An amount of zero was given.
    error StakingPoolZeroAmount();
    /// @notice A zero address was given for a required address.
    error StakingPoolZeroAddress();
    /// @notice `account` asked to withdraw `requested` but has only `staked`.
    error StakingPoolInsufficientStake(address account, uint256 requested, uint256 staked);
    /// @notice A past-stake lookup asked for `timepoint`, which is not before the current `clock`.
    error StakingPoolFutureLookup(uint256 timepoint, uint48 clock);
    /// @notice The reward `duration` is outside [`minDuration`, `maxDuration`] seconds.
    error StakingPoolBadRewardDuration(uint256 duration, uint256 minDuration, uint256 maxDuration);
    /// @notice The new reward rate rounds to zero tokens per second for `available` over `duration`.
    error StakingPoolRewardRateZero(uint256 available, uint256 duration);
    /// @notice A stake would push a balance past the checkpoint width (uint208).
    error StakingPoolStakeOverflow(uint256 newBalance);

    /// @notice `account` staked `amount`, paid by `payer`.
    /// @param account The staker credited.
    /// @param payer   Who paid (the staker, or DeGenesis for a Genesis deposit).
    /// @param amount  Tokens credited: what actually arrived.
    event Staked(address indexed account, address indexed payer, uint256 amount);
    /// @notice `account` withdrew `amount` of the staking token to `to`.
    /// @param account The staker debited.
    /// @param to      Who received the tokens.
    /// @param amount  Tokens withdrawn.
    event Withdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice `account` was paid `amount` TOKE of rewards.
    /// @param account The staker paid.
    /// @param amount  TOKE paid, in wei.
    event RewardPaid(address indexed account, uint256 amount);
    /// @notice `funder` added `amount` TOKE; the pool now pays `rate` TOKE per second until
    ///         `periodFinish`.
    /// @param funder       Governance account that sent the TOKE.
    /// @param amount       TOKE added, in wei.
    /// @param rate         New emission, TOKE wei per second.
    /// @param periodFinish When the emission ends (timestamp).
    event RewardsFunded(address indexed funder, uint256 amount, uint256 rate, uint256 periodFinish);

    /// @notice The token staked in this pool.
    function stakingToken() external view returns (IERC20);

    /// @notice The token paid as reward (TOKE).
    function rewardToken() external view returns (IERC20);

    /// @notice Stakes `amount` of the staking token for the caller.
    /// @dev Reverts while paused. The stake counts in `getPastStake` from the next second on.
    /// @param amount Tokens to pull from the caller (needs an allowance).
    function stake(uint256 amount) external;

    /// @notice Withdraws `amount` of the caller's stake to the caller, after settling rewards.
    /// @param amount Tokens to withdraw.
    function withdraw(uint256 amount) external;

    /// @notice Pays the caller every TOKE reward earned so far.
    /// @return paid The TOKE paid.
    function claimRewards() external returns (uint256 paid);

    /// @notice Adds `amount` TOKE (pulled from the caller) to the rewards and restarts the
    ///         emission over `duration` seconds: the new rate is (amount + what was not yet
    ///         emitted) / duration, so it can never promise more TOKE than the pool was funded.
    /// @dev Only governance. Rewards that accrued while nothing was staked are not lost: they
    ///      join the next funding. `duration` is bounded by MIN/MAX_REWARD_DURATION_SECONDS.
    /// @param amount   TOKE to add, in wei (may be zero to re-spread what is left).
    /// @param duration Emission period, in seconds.
    function fundRewards(uint256 amount, uint256 duration) external;

    /// @notice Stops new stakes (guardian). Withdrawals and claims stay open.
    function pause() external;

    /// @notice Lets stakes in again (governance).
    function unpause() external;

    /// @notice Current stake of `account`.
    /// @param account The staker.
    function balanceOf(address account) external view returns (uint256);

    /// @notice Current total stake.
    function totalStaked() external view returns (uint256);

    /// @notice Total stake at the end of the past timestamp `timepoint`.
    /// @param timepoint A past timestamp, in seconds.
    function getPastTotalStake(uint256 timepoint) external view returns (uint256);

    /// @notice TOKE earned by `account` and not yet paid.
    /// @param account The staker.
    function earned(address account) external view returns (uint256);

    /// @notice Accumulated TOKE per staked token, scaled by 1e18.
    function rewardPerToken() external view returns (uint256);

    /// @notice TOKE emitted per second, in wei.
    function rewardRate() external view returns (uint256);

    /// @notice When the current emission ends (timestamp, seconds).
    function periodFinish() external view returns (uint256);

    /// @notice TOKE held for future funding: what accrued while nothing was staked and the
    ///         remainder of integer division of past fundings.
    function queuedRewards() external view returns (uint256);
}
