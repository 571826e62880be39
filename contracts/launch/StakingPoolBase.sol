// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IStakingPool} from "../interfaces/IStakingPool.sol";
import {IStakeWeightSource} from "../interfaces/IStakeWeightSource.sol";

/// @title StakingPoolBase
/// @notice The one staking-pool implementation shared by the public TOKE/LP pools and the Genesis
///         pools: checkpointed balances (timestamp clock), a reward-per-token accumulator paid in
///         TOKE, pause of new stakes. Variants restrict who may stake or withdraw through the
///         `_beforeStake` / `_beforeWithdraw` hooks.
/// @dev Accounting (invariant 8 of the security notes): every TOKE ever funded is either paid,
///      claimable (`earned`), still to be emitted (rate x time left), queued (`queuedRewards`:
///      accrued while nothing was staked, plus division remainders) or rounding dust of
///      `rewardPerToken` (below 1 wei per staked token per update).
abstract contract StakingPoolBase is
    IStakingPool,
    AccessControl,
    Pausable,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice May pause new stakes.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Shortest reward emission period, in seconds.
    uint256 public constant MIN_REWARD_DURATION_SECONDS = 1 hours;
    /// @notice Longest reward emission period, in seconds.
    uint256 public constant MAX_REWARD_DURATION_SECONDS = 4 * 365 days;
    /// @dev Fixed-point unit of `rewardPerToken`.
    uint256 private constant PRECISION = 1e18;

    IERC20 private immutable STAKING_TOKEN;
    IERC20 private immutable REWARD_TOKEN;

    mapping(address account => Checkpoints.Trace208) private _stakes;
    Checkpoints.Trace208 private _totalStakes;

    uint256 private _rewardRate;
    uint256 private _periodFinish;
    uint256 private _lastUpdate;
    uint256 private _rewardPerTokenStored;
    uint256 private _queuedRewards;
    mapping(address account => uint256) private _rewardPerTokenPaid;
    mapping(address account => uint256) private _rewards;

    /// @notice Sets the tokens and the roles; rewards start when governance first funds them.
    /// @param stakingToken_ The token staked.
    /// @param rewardToken_  TOKE.
    /// @param governance    Admin (timelock): funds rewards, unpauses.
    /// @param guardian      May pause new stakes.
    constructor(IERC20 stakingToken_, IERC20 rewardToken_, address governance, address guardian) {
        if (
            address(stakingToken_) == address(0) ||
            address(rewardToken_) == address(0) ||
            governance == address(0) ||
            guardian == address(0)
        ) revert StakingPoolZeroAddress();
        STAKING_TOKEN = stakingToken_;
        REWARD_TOKEN = rewardToken_;
        _lastUpdate = block.timestamp;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    // ---------------------------------------------------------------- user actions

    /// @inheritdoc IStakingPool
    function stake(uint256 amount) external override nonReentrant whenNotPaused {
        _beforeStake(msg.sender);
        _stake(msg.sender, msg.sender, amount);
    }

    /// @inheritdoc IStakingPool
    function withdraw(uint256 amount) external override nonReentrant {
        _beforeWithdraw(msg.sender);
        _removeStake(msg.sender, amount);
        emit Withdrawn(msg.sender, msg.sender, amount);
        STAKING_TOKEN.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IStakingPool
    function claimRewards() external override nonReentrant returns (uint256 paid) {
        _updateReward(msg.sender);
        paid = _rewards[msg.sender];
        if (paid != 0) {
            _rewards[msg.sender] = 0;
            emit RewardPaid(msg.sender, paid);
            REWARD_TOKEN.safeTransfer(msg.sender, paid);
        }
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IStakingPool
    function fundRewards(
        uint256 amount,
        uint256 duration
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (duration < MIN_REWARD_DURATION_SECONDS || duration > MAX_REWARD_DURATION_SECONDS) {
            revert StakingPoolBadRewardDuration(
                duration,
                MIN_REWARD_DURATION_SECONDS,
                MAX_REWARD_DURATION_SECONDS
            );
        }
        _updateReward(address(0));
        if (amount != 0) REWARD_TOKEN.safeTransferFrom(msg.sender, address(this), amount);

        uint256 available = amount + _queuedRewards;
        if (block.timestamp < _periodFinish)
            available += (_periodFinish - block.timestamp) * _rewardRate;
        uint256 rate = available / duration;
        if (rate == 0) revert StakingPoolRewardRateZero(available, duration);
        // The remainder of the division stays queued for the next funding: nothing is promised
        // beyond `available`, and nothing of it is lost.
        _queuedRewards = available - rate * duration;
        _rewardRate = rate;
        _lastUpdate = block.timestamp;
        _periodFinish = block.timestamp + duration;
        emit RewardsFunded(msg.sender, amount, rate, block.timestamp + duration);
    }

    /// @inheritdoc IStakingPool
    function pause() external override onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IStakingPool
    function unpause() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStakingPool
    function stakingToken() public view override returns (IERC20) {
        return STAKING_TOKEN;
    }

    /// @inheritdoc IStakingPool
    function rewardToken() external view override returns (IERC20) {
        return REWARD_TOKEN;
    }

    /// @inheritdoc IStakingPool
    function balanceOf(address account) public view override returns (uint256) {
        return _stakes[account].latest();
    }

    /// @inheritdoc IStakingPool
    function totalStaked() public view override returns (uint256) {
        return _totalStakes.latest();
    }

    /// @inheritdoc IStakeWeightSource
    function getPastStake(
        address account,
        uint256 timepoint
    ) external view override returns (uint256) {
        return _stakes[account].upperLookupRecent(_pastKey(timepoint));
    }

    /// @inheritdoc IStakingPool
    function getPastTotalStake(uint256 timepoint) external view override returns (uint256) {
        return _totalStakes.upperLookupRecent(_pastKey(timepoint));
    }

    /// @inheritdoc IStakingPool
    function earned(address account) public view override returns (uint256) {
        return
            _rewards[account] +
            _accrued(balanceOf(account), rewardPerToken(), _rewardPerTokenPaid[account]);
    }

    /// @inheritdoc IStakingPool
    function rewardPerToken() public view override returns (uint256) {
        uint256 total = totalStaked();
        if (total == 0) return _rewardPerTokenStored;
        return _rewardPerTokenStored + Math.mulDiv(_emittedSinceUpdate(), PRECISION, total);
    }

    /// @inheritdoc IStakingPool
    function rewardRate() external view override returns (uint256) {
        return _rewardRate;
    }

    /// @inheritdoc IStakingPool
    function periodFinish() external view override returns (uint256) {
        return _periodFinish;
    }

    /// @inheritdoc IStakingPool
    function queuedRewards() external view override returns (uint256) {
        return totalStaked() == 0 ? _queuedRewards + _emittedSinceUpdate() : _queuedRewards;
    }

    /// @inheritdoc IERC6372
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    // ERC-6372 fixes this name.
    // solhint-disable func-name-mixedcase
    /// @inheritdoc IERC6372
    function CLOCK_MODE() external pure override returns (string memory) {
        return "mode=timestamp";
    }
    // solhint-enable func-name-mixedcase

    // ---------------------------------------------------------------- hooks for variants

    // A public pool restricts nothing: the hooks are empty unless a variant overrides them.
    // solhint-disable no-empty-blocks
    /// @dev Reverts when `account` may not add stake now.
    function _beforeStake(address account) internal view virtual {}

    /// @dev Reverts when `account` may not take stake out now.
    function _beforeWithdraw(address account) internal view virtual {}
    // solhint-enable no-empty-blocks

    // ---------------------------------------------------------------- internal

    /// @dev Pulls `amount` from `payer` and credits `account` with what actually arrived.
    function _stake(
        address account,
        address payer,
        uint256 amount
    ) internal returns (uint256 received) {
        if (amount == 0) revert StakingPoolZeroAmount();
        _updateReward(account);
        uint256 before = STAKING_TOKEN.balanceOf(address(this));
        STAKING_TOKEN.safeTransferFrom(payer, address(this), amount);
        received = STAKING_TOKEN.balanceOf(address(this)) - before;
        uint256 newBalance = balanceOf(account) + received;
        if (newBalance > type(uint208).max) revert StakingPoolStakeOverflow(newBalance);
        // Casts: the balance was checked against uint208 just above and the total is at most the
        // token's balance here, which cannot exceed its total supply.
        _stakes[account].push(clock(), uint208(newBalance));
        _totalStakes.push(clock(), uint208(totalStaked() + received));
        emit Staked(account, payer, received);
    }

    /// @dev Settles rewards and debits `amount` of `account`'s stake; the caller moves the tokens.
    function _removeStake(address account, uint256 amount) internal {
        if (amount == 0) revert StakingPoolZeroAmount();
        _updateReward(account);
        uint256 staked = balanceOf(account);
        if (amount > staked) revert StakingPoolInsufficientStake(account, amount, staked);
        // Casts: both results are below values already stored as uint208.
        _stakes[account].push(clock(), uint208(staked - amount));
        _totalStakes.push(clock(), uint208(totalStaked() - amount));
    }

    function _updateReward(address account) private {
        uint256 total = totalStaked();
        uint256 emitted = _emittedSinceUpdate();
        if (emitted != 0) {
            // With nothing staked no one can earn: the TOKE waits for the next funding instead of
            // being stranded.
            if (total == 0) _queuedRewards += emitted;
            else _rewardPerTokenStored += Math.mulDiv(emitted, PRECISION, total);
        }
        _lastUpdate = _lastTimeRewardApplicable();
        if (account != address(0)) {
            uint256 rpt = _rewardPerTokenStored;
            _rewards[account] += _accrued(balanceOf(account), rpt, _rewardPerTokenPaid[account]);
            _rewardPerTokenPaid[account] = rpt;
        }
    }

    function _emittedSinceUpdate() private view returns (uint256) {
        uint256 last = _lastUpdate;
        uint256 applicable = _lastTimeRewardApplicable();
        return applicable > last ? (applicable - last) * _rewardRate : 0;
    }

    function _lastTimeRewardApplicable() private view returns (uint256) {
        return Math.min(block.timestamp, _periodFinish);
    }

    function _accrued(uint256 balance, uint256 rpt, uint256 paid) private pure returns (uint256) {
        return Math.mulDiv(balance, rpt - paid, PRECISION);
    }

    function _pastKey(uint256 timepoint) private view returns (uint48) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert StakingPoolFutureLookup(timepoint, now_);
        // timepoint < now_ <= type(uint48).max.
        return uint48(timepoint);
    }
}
