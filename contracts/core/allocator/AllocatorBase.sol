// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ICycleManager} from "../../interfaces/ICycleManager.sol";
import {ILiquidityAllocator} from "../../interfaces/ILiquidityAllocator.sol";
import {IReactor} from "../../interfaces/IReactor.sol";
import {IStakeDirectory} from "../../interfaces/IStakeDirectory.sol";
import {ITreasury} from "../../interfaces/ITreasury.sol";
import {ITwapOracle} from "../../interfaces/ITwapOracle.sol";
import {IVenueAdapter} from "../../interfaces/IVenueAdapter.sol";

/// @title AllocatorBase
/// @notice The allocator's state and the transfers every unit uses (moves, fees, the loss
///         waterfall and the rollover step are separate contracts in one inheritance line).
/// @dev Holds nothing between calls: every amount pulled is deployed, pushed back to its Reactor,
///      or paid to the Treasury within the same call.
abstract contract AllocatorBase is ILiquidityAllocator {
    using SafeERC20 for IERC20;

    uint256 internal constant BPS = 10_000;
    /// @notice Most venues a Reactor pair holds positions in at once (LD staking allows 8).
    uint256 public constant MAX_VENUES_PER_REACTOR = 8;
    /// @notice Treasury inflow label for trading fees.
    bytes32 public constant FEES_SOURCE = "VENUE_FEES";
    /// @notice Treasury inflow label for surplus sent by the allocator.
    bytes32 public constant SURPLUS_SOURCE = "VENUE_SURPLUS";
    /// @notice Treasury inflow label for slashed stake sold above what a loss needed.
    bytes32 public constant SLASH_SOURCE = "LD_SLASH";

    /// @dev One Reactor pair's step, kept in memory to share it between the units.
    struct Step {
        IReactor tokenReactor;
        IReactor baseReactor;
        address token;
        address base;
        uint256 priceX112;
        uint256 slippageBps;
        uint256 deadline;
    }

    ICycleManager internal immutable _manager;
    ITwapOracle internal immutable _oracle;
    ITreasury internal immutable _treasury;
    address internal immutable _toke;

    IStakeDirectory internal _directory;
    uint16 internal _maxSlippageBps;
    uint16 internal _minMoveBps;
    uint16 internal _recallBufferBps;
    bool internal _paused;
    bytes32 internal _slashVenue;
    mapping(bytes32 venue => IVenueAdapter) internal _adapters;
    mapping(address tokenReactor => Pairing) internal _pairings;
    mapping(address baseReactor => address[]) internal _pairedWith;
    mapping(address baseReactor => uint256) internal _baseShareTotal;
    mapping(address tokenReactor => mapping(bytes32 venue => Principal)) internal _principal;
    mapping(address tokenReactor => bytes32[]) internal _held;
    /// @dev The base side's unrealised loss of a token Reactor's positions, as its last step
    ///      valued them: what its base Reactor marks.
    mapping(address tokenReactor => uint256) internal _baseLoss;

    /// @notice Wires the immutables every unit reads (checked here).
    /// @param manager_  The cycle manager (the only caller of `rebalance`).
    /// @param oracle_   The TWAP oracle giving reference prices.
    /// @param treasury_ The Treasury (fees, surplus, loss cover).
    /// @param toke_     TOKE, in which LD stake is slashed.
    constructor(address manager_, address oracle_, address treasury_, address toke_) {
        if (
            manager_ == address(0) ||
            oracle_ == address(0) ||
            treasury_ == address(0) ||
            toke_ == address(0)
        ) {
            revert LiquidityAllocatorZeroAddress();
        }
        _manager = ICycleManager(manager_);
        _oracle = ITwapOracle(oracle_);
        _treasury = ITreasury(treasury_);
        _toke = toke_;
    }

    /// @dev Pays `amount` of `asset` into `reactor` (lowering its deployed assets).
    function _push(IReactor reactor, address asset, uint256 amount) internal {
        if (amount == 0) return;
        _approve(asset, address(reactor), amount);
        reactor.pushAssets(amount);
    }

    function _toTreasury(address asset, uint256 amount, bytes32 source) internal {
        if (amount == 0) return;
        _approve(asset, address(_treasury), amount);
        _treasury.deposit(asset, amount, source);
    }

    /// @dev Approves `spender` without limit the first time it needs more than it has: the
    ///      spenders are registered contracts and the allocator holds nothing between calls.
    function _approve(address asset, address spender, uint256 amount) internal {
        if (IERC20(asset).allowance(address(this), spender) < amount) {
            IERC20(asset).forceApprove(spender, type(uint256).max);
        }
    }
}
