// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IGenesisPool} from "../interfaces/IGenesisPool.sol";
import {StakingPoolBase} from "./StakingPoolBase.sol";

/// @title GenesisPool
/// @notice Genesis pool for one DeGenesis overflow asset: see IGenesisPool for privacy, lock and
///         conversion into the Reactor's tAsset. Rewards (TOKE, at the accelerated rate governance
///         funds) and checkpoints come from StakingPoolBase.
contract GenesisPool is IGenesisPool, StakingPoolBase {
    using SafeERC20 for IERC20;

    /// @notice Longest time from deployment to the pool's end, in seconds.
    uint256 public constant MAX_LOCK_SECONDS = 365 days;

    address private immutable DEPOSITOR;
    uint256 private immutable PRIVATE_UNTIL;
    uint256 private immutable LOCKED_UNTIL;

    mapping(address account => bool) private _participants;
    IERC4626 private _reactor;

    /// @notice Deploys the Genesis pool of one DeGenesis asset.
    /// @param asset          WETH or USDC.
    /// @param toke           TOKE, the reward.
    /// @param governance     Admin (timelock): funds rewards, sets the Reactor, unpauses.
    /// @param guardian       May pause new stakes.
    /// @param depositor_     The DeGenesis contract.
    /// @param privateUntil_  End of the private period (2 weeks after the sale in the original).
    /// @param lockedUntil_   End of the pool: stakes are locked until then.
    constructor(
        IERC20 asset,
        IERC20 toke,
        address governance,
        address guardian,
        address depositor_,
        uint256 privateUntil_,
        uint256 lockedUntil_
    ) StakingPoolBase(asset, toke, governance, guardian) {
        if (depositor_ == address(0)) revert StakingPoolZeroAddress();
        if (
            privateUntil_ < block.timestamp ||
            lockedUntil_ < privateUntil_ ||
            lockedUntil_ > block.timestamp + MAX_LOCK_SECONDS
        ) revert GenesisPoolBadSchedule(privateUntil_, lockedUntil_);
        DEPOSITOR = depositor_;
        PRIVATE_UNTIL = privateUntil_;
        LOCKED_UNTIL = lockedUntil_;
    }

    /// @inheritdoc IGenesisPool
    function depositFor(address account, uint256 amount) external override nonReentrant {
        if (msg.sender != DEPOSITOR) revert GenesisPoolNotDepositor(msg.sender);
        if (account == address(0)) revert StakingPoolZeroAddress();
        _participants[account] = true;
        uint256 received = _stake(account, msg.sender, amount);
        emit GenesisDeposited(account, received);
    }

    /// @inheritdoc IGenesisPool
    function setReactor(IERC4626 newReactor) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(_reactor) != address(0)) revert GenesisPoolReactorAlreadySet(address(_reactor));
        if (address(newReactor) == address(0)) revert StakingPoolZeroAddress();
        address reactorAsset = newReactor.asset();
        if (reactorAsset != address(stakingToken())) {
            revert GenesisPoolReactorAssetMismatch(reactorAsset, address(stakingToken()));
        }
        _reactor = newReactor;
        emit ReactorSet(address(newReactor));
    }

    /// @inheritdoc IGenesisPool
    function convertToReactor(
        uint256 minShares
    ) external override nonReentrant returns (uint256 shares) {
        IERC4626 target = _reactor;
        if (address(target) == address(0)) revert GenesisPoolReactorNotSet();
        _beforeWithdraw(msg.sender);
        uint256 assets = balanceOf(msg.sender);
        _removeStake(msg.sender, assets);
        IERC20 asset = stakingToken();
        asset.forceApprove(address(target), assets);
        shares = target.deposit(assets, msg.sender);
        if (shares < minShares) revert GenesisPoolSlippage(shares, minShares);
        emit ConvertedToReactor(msg.sender, assets, shares);
    }

    /// @inheritdoc IGenesisPool
    function depositor() external view override returns (address) {
        return DEPOSITOR;
    }

    /// @inheritdoc IGenesisPool
    function privateUntil() external view override returns (uint256) {
        return PRIVATE_UNTIL;
    }

    /// @inheritdoc IGenesisPool
    function lockedUntil() external view override returns (uint256) {
        return LOCKED_UNTIL;
    }

    /// @inheritdoc IGenesisPool
    function isParticipant(address account) external view override returns (bool) {
        return _participants[account];
    }

    /// @inheritdoc IGenesisPool
    function reactor() external view override returns (IERC4626) {
        return _reactor;
    }

    function _beforeStake(address account) internal view override {
        if (block.timestamp < PRIVATE_UNTIL && !_participants[account]) {
            revert GenesisPoolPrivate(account, PRIVATE_UNTIL);
        }
    }

    function _beforeWithdraw(address) internal view override {
        if (block.timestamp < LOCKED_UNTIL) revert GenesisPoolLocked(LOCKED_UNTIL);
    }
}
