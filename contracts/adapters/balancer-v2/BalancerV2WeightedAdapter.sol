// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IBalancerVault} from "../../interfaces/external/IBalancerVault.sol";
import {
    IBalancerWeightedPool,
    IBalancerWeightedPoolFactory
} from "../../interfaces/external/IBalancerWeightedPool.sol";
import {IBalancerV2WeightedAdapter} from "../../interfaces/IBalancerV2WeightedAdapter.sol";
import {RoleGated} from "../../core/RoleGated.sol";
import {VenueAdapterBase} from "../VenueAdapterBase.sol";

/// @title BalancerV2WeightedAdapter
/// @notice Balancer V2 50/50 weighted pools through the Vault. Only the Vault encoding and the
///         pool registry live here; the flow is in VenueAdapterBase.
contract BalancerV2WeightedAdapter is VenueAdapterBase, IBalancerV2WeightedAdapter, RoleGated {
    using SafeERC20 for IERC20;

    /// @notice WeightedPool JoinKind.EXACT_TOKENS_IN_FOR_BPT_OUT.
    uint256 private constant JOIN_EXACT_TOKENS_IN_FOR_BPT_OUT = 1;
    /// @notice WeightedPool ExitKind.EXACT_BPT_IN_FOR_TOKENS_OUT.
    uint256 private constant EXIT_EXACT_BPT_IN_FOR_TOKENS_OUT = 1;
    /// @notice Tokens in a pair's pool.
    uint256 private constant POOL_TOKENS = 2;
    /// @notice A proportional join mints supply * amount / balance BPT, less the weighted
    ///         maths' power rounding (about 1e-14 relative to the invariant ratio); this
    ///         tolerance (in bps) absorbs that rounding and nothing else.
    uint256 private constant BPT_OUT_TOLERANCE_BPS = 1;
    uint256 private constant BPS = 10_000;
    /// @notice Gas for the reentrancy probe: enough to reach the Vault's guard, which either
    ///         reverts with data (mid-operation) or fails on its storage write (not).
    uint256 private constant REENTRANCY_PROBE_GAS = 10_000;

    IBalancerVault private immutable _vault;
    IBalancerWeightedPoolFactory private immutable _poolFactory;

    mapping(address token => mapping(address base => bytes32 poolId)) private _poolIds;

    /// @param allocator_   The only address allowed to move liquidity.
    /// @param vault_       The Balancer V2 Vault.
    /// @param poolFactory_ The weighted-pool factory whose pools may be registered.
    /// @param roles_       The protocol's role registry (governance registers pools).
    constructor(
        address allocator_,
        address vault_,
        address poolFactory_,
        IAccessControl roles_
    ) VenueAdapterBase(allocator_) RoleGated(roles_) {
        if (vault_ == address(0) || poolFactory_ == address(0)) revert VenueAdapterZeroAddress();
        _vault = IBalancerVault(vault_);
        _poolFactory = IBalancerWeightedPoolFactory(poolFactory_);
    }

    /// @inheritdoc IBalancerV2WeightedAdapter
    function vault() external view returns (address) {
        return address(_vault);
    }

    /// @inheritdoc IBalancerV2WeightedAdapter
    function poolFactory() external view returns (address) {
        return address(_poolFactory);
    }

    /// @inheritdoc IBalancerV2WeightedAdapter
    function poolIdOf(address token, address base) external view returns (bytes32) {
        return _poolIds[token][base];
    }

    /// @inheritdoc IBalancerV2WeightedAdapter
    function registerPool(address token, address base, bytes32 poolId) external onlyGovernance {
        bytes32 existing = _poolIds[token][base];
        if (existing != bytes32(0)) revert BalancerV2WeightedAdapterPoolAlreadyRegistered(token, base, existing);

        (address pool, ) = _vault.getPool(poolId);
        (address[] memory tokens, , ) = _vault.getPoolTokens(poolId);
        if (!_poolFactory.isPoolFromFactory(pool) || tokens.length != POOL_TOKENS) {
            revert BalancerV2WeightedAdapterBadPool(poolId, token, base);
        }
        // Pool tokens are sorted by address (the pool's constructor enforces it).
        (address first, address second) = token < base ? (token, base) : (base, token);
        uint256[] memory weights = IBalancerWeightedPool(pool).getNormalizedWeights();
        if (tokens[0] != first || tokens[1] != second || weights[0] != weights[1]) {
            revert BalancerV2WeightedAdapterBadPool(poolId, token, base);
        }

        _poolIds[token][base] = poolId;
        emit PoolRegistered(token, base, poolId);
        IERC20(token).forceApprove(address(_vault), type(uint256).max);
        IERC20(base).forceApprove(address(_vault), type(uint256).max);
    }

    function _findPool(address token, address base) internal view override returns (bool, PoolRef memory ref) {
        bytes32 poolId = _poolIds[token][base];
        // A Balancer pool id starts with the pool's address (its first 20 bytes).
        ref.lpToken = address(bytes20(poolId));
        ref.poolId = poolId;
        ref.tokenIsFirst = token < base;
        return (poolId != bytes32(0), ref);
    }

    function _reserves(PoolRef memory ref) internal view override returns (uint256, uint256) {
        (, uint256[] memory balances, ) = _vault.getPoolTokens(ref.poolId);
        return ref.tokenIsFirst ? (balances[0], balances[1]) : (balances[1], balances[0]);
    }

    function _lpSupply(PoolRef memory ref) internal view override returns (uint256) {
        return IBalancerWeightedPool(ref.lpToken).getActualSupply();
    }

    /// @dev The Vault pulls from the join's sender, which is this adapter.
    function _depositPayee(PoolRef memory) internal view override returns (address) {
        return address(this);
    }

    function _join(
        PoolRef memory ref,
        address token,
        address base,
        uint256 tokenAmount,
        uint256 baseAmount
    ) internal override {
        uint256[] memory amounts = _ordered(ref, tokenAmount, baseAmount);
        bytes memory userData = abi.encode(
            JOIN_EXACT_TOKENS_IN_FOR_BPT_OUT,
            amounts,
            _minBptOut(ref, tokenAmount, baseAmount)
        );
        _vault.joinPool(
            ref.poolId,
            address(this),
            address(this),
            IBalancerVault.JoinPoolRequest({
                assets: _assets(ref, token, base),
                maxAmountsIn: amounts,
                userData: userData,
                fromInternalBalance: false
            })
        );
    }

    /// @dev The Vault is given no minimums: the base checks what the allocator actually
    ///      received, for every venue alike, with one error.
    function _exit(PoolRef memory ref, address token, address base, uint256 liquidity) internal override {
        _vault.exitPool(
            ref.poolId,
            address(this),
            payable(msg.sender),
            IBalancerVault.ExitPoolRequest({
                assets: _assets(ref, token, base),
                minAmountsOut: new uint256[](POOL_TOKENS),
                userData: abi.encode(EXIT_EXACT_BPT_IN_FOR_TOKENS_OUT, liquidity),
                toInternalBalance: false
            })
        );
    }

    /// @dev Balancer's VaultReentrancyLib check, as a view: a static call to the guarded no-op
    ///      `manageUserBalance([])` fails either way, with revert data only if the Vault's guard
    ///      is already entered (BAL#400); otherwise it fails, dataless, on the guard's storage
    ///      write, which a static call forbids.
    function _beforeValueRead() internal view override {
        (, bytes memory revertData) = address(_vault).staticcall{gas: REENTRANCY_PROBE_GAS}(
            abi.encodeCall(IBalancerVault.manageUserBalance, (new IBalancerVault.UserBalanceOp[](0)))
        );
        if (revertData.length != 0) revert BalancerV2WeightedAdapterVaultReentered();
    }

    /// @dev The BPT a proportional join of these amounts must at least mint. totalSupply
    ///      excludes protocol-fee BPT not yet minted, so it understates the supply the join is
    ///      priced against: the bound is conservative.
    function _minBptOut(PoolRef memory ref, uint256 tokenAmount, uint256 baseAmount) private view returns (uint256) {
        uint256 supply = IBalancerWeightedPool(ref.lpToken).totalSupply();
        uint256 expected = Math.min(
            Math.mulDiv(supply, tokenAmount, ref.tokenReserve),
            Math.mulDiv(supply, baseAmount, ref.baseReserve)
        );
        return Math.mulDiv(expected, BPS - BPT_OUT_TOLERANCE_BPS, BPS);
    }

    function _assets(PoolRef memory ref, address token, address base) private pure returns (address[] memory a) {
        a = new address[](POOL_TOKENS);
        (a[0], a[1]) = ref.tokenIsFirst ? (token, base) : (base, token);
    }

    function _ordered(PoolRef memory ref, uint256 tokenValue, uint256 baseValue) private pure returns (uint256[] memory v) {
        v = new uint256[](POOL_TOKENS);
        (v[0], v[1]) = ref.tokenIsFirst ? (tokenValue, baseValue) : (baseValue, tokenValue);
    }
}
