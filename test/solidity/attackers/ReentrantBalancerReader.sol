// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBalancerVault} from "../../../contracts/interfaces/external/IBalancerVault.sol";
import {IVenueAdapter} from "../../../contracts/interfaces/IVenueAdapter.sol";

/// @notice Read-only reentrancy attacker for Balancer V2: it exits a pool that holds WETH asking
///         for ETH, so the Vault sends it ETH after burning its BPT but before writing the pool's
///         new balances. In that window it records what the pool looks like (supply already
///         down, balances not yet) and tries to read a venue adapter's position.
contract ReentrantBalancerReader {
    /// @notice WeightedPool JoinKind / ExitKind used.
    uint256 private constant JOIN_EXACT_TOKENS_IN_FOR_BPT_OUT = 1;
    uint256 private constant EXIT_EXACT_BPT_IN_FOR_TOKENS_OUT = 1;

    IBalancerVault private immutable _vault;
    IVenueAdapter private immutable _adapter;
    address private immutable _token;
    address private immutable _base;
    address private immutable _pool;
    bytes32 private immutable _poolId;

    uint256 public priceX112;
    bool public inExit;
    bool public positionReadSucceeded;
    bool public positionAtReadSucceeded;
    bytes public positionRevertData;
    bytes public positionAtRevertData;
    uint256[] public balancesMidExit;
    uint256 public supplyMidExit;

    constructor(address vault, address adapter, address token, address base, bytes32 poolId) {
        _vault = IBalancerVault(vault);
        _adapter = IVenueAdapter(adapter);
        _token = token;
        _base = base;
        _poolId = poolId;
        _pool = address(bytes20(poolId));
    }

    /// @notice Joins with `amounts` (pool order) already held by this contract.
    function join(address[] calldata assets, uint256[] calldata amounts) external {
        for (uint256 i; i < assets.length; ++i) IERC20(assets[i]).approve(address(_vault), amounts[i]);
        _vault.joinPool(
            _poolId,
            address(this),
            address(this),
            IBalancerVault.JoinPoolRequest({
                assets: assets,
                maxAmountsIn: amounts,
                userData: abi.encode(JOIN_EXACT_TOKENS_IN_FOR_BPT_OUT, amounts, uint256(0)),
                fromInternalBalance: false
            })
        );
    }

    /// @notice Exits `bptIn` with `assets` naming ETH (address(0)) instead of WETH, so that the
    ///         Vault calls `receive` mid-exit; there the adapter is read at `price`.
    function exitForEth(address[] calldata assets, uint256 bptIn, uint256 price) external {
        priceX112 = price;
        inExit = true;
        _vault.exitPool(
            _poolId,
            address(this),
            payable(address(this)),
            IBalancerVault.ExitPoolRequest({
                assets: assets,
                minAmountsOut: new uint256[](assets.length),
                userData: abi.encode(EXIT_EXACT_BPT_IN_FOR_TOKENS_OUT, bptIn),
                toInternalBalance: false
            })
        );
        inExit = false;
    }

    function balancesMidExitLength() external view returns (uint256) {
        return balancesMidExit.length;
    }

    receive() external payable {
        if (!inExit) return;
        (, uint256[] memory balances, ) = _vault.getPoolTokens(_poolId);
        balancesMidExit = balances;
        supplyMidExit = IERC20(_pool).totalSupply();
        try _adapter.position(_token, _base) {
            positionReadSucceeded = true;
        } catch (bytes memory data) {
            positionRevertData = data;
        }
        try _adapter.positionAt(_token, _base, priceX112) {
            positionAtReadSucceeded = true;
        } catch (bytes memory data) {
            positionAtRevertData = data;
        }
    }
}
