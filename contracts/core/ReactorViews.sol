// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {IERC7540Operator, IERC7540Redeem, IERC7575Share} from "../interfaces/IERC7540.sol";
import {IERC7887Redeem} from "../interfaces/IERC7540.sol";
import {IReactor} from "../interfaces/IReactor.sol";
import {ReactorToken} from "./ReactorToken.sol";

/// @title ReactorViews
/// @notice The Reactor's plain views (no controller books): the vault's ERC-4626 figures, the
///         ERC-165 ids, and the book values the allocator, the keeper and clients read.
abstract contract ReactorViews is IReactor, ReactorToken {
    using CycleLedgerLib for CycleLedgerLib.Ledger;
    using CycleLedgerLib for CycleLedgerLib.Index;

    /// @dev Balances are uint112 in the ledger.
    uint256 private constant MAX_UNITS = type(uint112).max;
    /// @dev ERC-165 id of ERC-7575 (the vault side, as the ERC states it).
    bytes4 private constant ERC7575_VAULT_ID = 0x2f0a18c5;
    /// @dev ERC-165 id of the ERC-7575 share token.
    bytes4 private constant ERC7575_SHARE_ID = 0xf815c03d;

    /// @inheritdoc IERC4626
    function asset() external view returns (address) {
        return address(_asset);
    }

    /// @inheritdoc IERC7575Share
    function share() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IERC4626
    /// @dev The book value of every tAsset at the marked rate, not the token balance: deployed
    ///      assets count, and donations do not.
    function totalAssets() external view returns (uint256) {
        return _ledger.index.toUnderlying(_shareSupply());
    }

    /// @inheritdoc IERC4626
    function convertToShares(uint256 assets) external view returns (uint256) {
        return _ledger.index.toUnits(assets);
    }

    /// @inheritdoc IERC4626
    function convertToAssets(uint256 shares) external view returns (uint256) {
        return _ledger.index.toUnderlying(shares);
    }

    /// @inheritdoc IERC4626
    function maxDeposit(address) external view returns (uint256) {
        CycleLedgerLib.Index memory idx = _ledger.index;
        return idx.paused ? 0 : idx.toUnderlying(MAX_UNITS - _ledger.totals.supply);
    }

    /// @inheritdoc IERC4626
    function maxMint(address) external view returns (uint256) {
        return _ledger.index.paused ? 0 : MAX_UNITS - _ledger.totals.supply;
    }

    /// @inheritdoc IERC4626
    function previewDeposit(uint256 assets) external view returns (uint256) {
        return _ledger.index.toUnits(assets);
    }

    /// @inheritdoc IERC4626
    function previewMint(uint256 shares) external view returns (uint256) {
        return _ledger.index.toUnderlyingUp(shares);
    }

    /// @inheritdoc IERC4626
    /// @dev Always reverts: redemptions are asynchronous (ERC-7540).
    function previewWithdraw(uint256) external pure returns (uint256) {
        revert ReactorAsyncRedeem();
    }

    /// @inheritdoc IERC4626
    /// @dev Always reverts: redemptions are asynchronous (ERC-7540).
    function previewRedeem(uint256) external pure returns (uint256) {
        revert ReactorAsyncRedeem();
    }

    /// @inheritdoc IERC7887Redeem
    function pendingCancelRedeemRequest(uint256, address) external pure returns (bool) {
        return false;
    }

    /// @inheritdoc IERC7887Redeem
    function claimableCancelRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256) {
        return requestId == REQUEST_ID ? _cancelled[controller] : 0;
    }

    /// @inheritdoc IERC7540Operator
    function isOperator(address controller, address operator) external view returns (bool) {
        return _operators[controller][operator];
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return
            interfaceId == type(IERC165).interfaceId ||
            interfaceId == type(IERC7540Operator).interfaceId ||
            interfaceId == type(IERC7540Redeem).interfaceId ||
            interfaceId == type(IERC7887Redeem).interfaceId ||
            interfaceId == ERC7575_VAULT_ID ||
            interfaceId == ERC7575_SHARE_ID;
    }

    /// @inheritdoc IReactor
    function manager() external view returns (address) {
        return address(_manager);
    }

    /// @inheritdoc IReactor
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IReactor
    function cycle() external view returns (uint32) {
        return _ledger.index.cycle;
    }

    /// @inheritdoc IReactor
    function rate() external view returns (uint256) {
        return _ledger.index.rate;
    }

    /// @inheritdoc IReactor
    function paused() external view returns (bool) {
        return _ledger.index.paused;
    }

    /// @inheritdoc IReactor
    function closed() external view returns (bool) {
        return _closed;
    }

    /// @inheritdoc IReactor
    function activeSupply() external view returns (uint256) {
        return _ledger.activeSupply();
    }

    /// @inheritdoc IReactor
    function activeBalanceOf(address holder) external view returns (uint256) {
        return _ledger.activeBalanceOf(holder);
    }

    /// @inheritdoc IReactor
    function activeAssets() external view returns (uint256) {
        return _ledger.index.toUnderlying(_ledger.activeSupply());
    }

    /// @inheritdoc IReactor
    function idleAssets() external view returns (uint256) {
        return _idle();
    }

    /// @inheritdoc IReactor
    function reservedAssets() external view returns (uint256) {
        return _reserved();
    }

    /// @inheritdoc IReactor
    function coveredAssets() external view returns (uint256) {
        return _owed.covered;
    }

    /// @inheritdoc IReactor
    function uncoveredAssets() external view returns (uint256) {
        return _owed.uncovered;
    }

    /// @inheritdoc IReactor
    function pendingRedeemShares() external view returns (uint256) {
        return _queue.dueShares + _queue.dueNextShares;
    }

    /// @inheritdoc IReactor
    function deployedAssets() external view returns (uint256) {
        return _deployedAssets;
    }

    /// @inheritdoc IReactor
    function markedLoss() external view returns (uint256) {
        return _markedLoss;
    }

    /// @inheritdoc IReactor
    function windDownComplete() external view returns (bool) {
        Queue memory q = _queue;
        return
            _closed &&
            _deployedAssets == 0 &&
            q.dueShares == 0 &&
            q.dueNextShares == 0 &&
            _owed.uncovered == 0;
    }

    /// @inheritdoc IReactor
    function rewardsDistributor() external view returns (address) {
        return _rewardsDistributor;
    }

    /// @inheritdoc IReactor
    function allocator() external view returns (address) {
        return _allocator;
    }
}
