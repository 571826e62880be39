// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVenueAdapter} from "../interfaces/IVenueAdapter.sol";
import {LiquidityMathLib} from "../libraries/LiquidityMathLib.sol";

/// @title VenueAdapterBase
/// @notice The flow every venue shares, written once: allocator-only access, deadlines,
///         proportional deposit amounts, minimum-amount checks, balance-delta accounting of what
///         was minted and paid out, events, and position reporting. A venue supplies only its
///         encoding through the hooks at the bottom.
abstract contract VenueAdapterBase is IVenueAdapter {
    using SafeERC20 for IERC20;

    /// @notice Where a venue keeps the pool of a pair.
    /// @param lpToken      The ERC-20 of the pool's LP tokens / BPT.
    /// @param poolId       The venue's id of the pool (Balancer), zero when the address is enough.
    /// @param tokenIsFirst Whether `token` comes before `base` in the pool's token order.
    /// @param tokenReserve The pool's `token` balance, when loaded (deposits and reads).
    /// @param baseReserve  The pool's `base` balance, when loaded (deposits and reads).
    struct PoolRef {
        address lpToken;
        bool tokenIsFirst;
        bytes32 poolId;
        uint256 tokenReserve;
        uint256 baseReserve;
    }

    address private immutable _allocator;

    /// @notice Wires the contract to the dependencies and parameters below (checked here).
    /// @param allocator_ The only address allowed to move liquidity (the LiquidityAllocator).
    constructor(address allocator_) {
        if (allocator_ == address(0)) revert VenueAdapterZeroAddress();
        _allocator = allocator_;
    }

    modifier onlyAllocator() {
        if (msg.sender != _allocator) revert VenueAdapterUnauthorized(msg.sender);
        _;
    }

    modifier beforeDeadline(uint256 deadline) {
        if (block.timestamp > deadline)
            revert VenueAdapterDeadlinePassed(deadline, block.timestamp);
        _;
    }

    /// @inheritdoc IVenueAdapter
    function allocator() external view returns (address) {
        return _allocator;
    }

    /// @inheritdoc IVenueAdapter
    function hasPool(address token, address base) external view returns (bool) {
        (bool found, PoolRef memory ref) = _findPool(token, base);
        if (!found) return false;
        (uint256 tokenReserve, uint256 baseReserve) = _reserves(ref);
        return tokenReserve != 0 && baseReserve != 0;
    }

    /// @inheritdoc IVenueAdapter
    function addLiquidity(
        address token,
        address base,
        uint256 tokenDesired,
        uint256 baseDesired,
        uint256 tokenMin,
        uint256 baseMin,
        uint256 deadline
    )
        external
        onlyAllocator
        beforeDeadline(deadline)
        returns (uint256 tokenAmount, uint256 baseAmount, uint256 liquidity)
    {
        PoolRef memory ref = _poolWithReserves(token, base);
        if (ref.tokenReserve == 0 || ref.baseReserve == 0)
            revert VenueAdapterPoolNotFound(token, base);
        (tokenAmount, baseAmount) = LiquidityMathLib.proportionalAmounts(
            tokenDesired,
            baseDesired,
            ref.tokenReserve,
            ref.baseReserve
        );
        // Checked before any transfer: a skewed pool fails here, cheaply, with both numbers.
        _checkMinimum(token, tokenAmount, tokenMin);
        _checkMinimum(base, baseAmount, baseMin);
        liquidity = _deposit(ref, token, base, tokenAmount, baseAmount);
        emit LiquidityAdded(token, base, tokenAmount, baseAmount, liquidity);
    }

    /// @inheritdoc IVenueAdapter
    function removeLiquidity(
        address token,
        address base,
        uint256 liquidity,
        uint256 tokenMin,
        uint256 baseMin,
        uint256 deadline
    )
        external
        onlyAllocator
        beforeDeadline(deadline)
        returns (uint256 tokenAmount, uint256 baseAmount)
    {
        if (liquidity == 0) revert VenueAdapterZeroAmount();
        PoolRef memory ref = _pool(token, base);
        uint256 held = IERC20(ref.lpToken).balanceOf(address(this));
        if (liquidity > held) revert VenueAdapterInsufficientLiquidity(liquidity, held);

        // What the allocator actually receives is what counts, whatever the venue reports.
        uint256 tokenBefore = IERC20(token).balanceOf(msg.sender);
        uint256 baseBefore = IERC20(base).balanceOf(msg.sender);
        _exit(ref, token, base, liquidity);
        tokenAmount = IERC20(token).balanceOf(msg.sender) - tokenBefore;
        baseAmount = IERC20(base).balanceOf(msg.sender) - baseBefore;
        _checkMinimum(token, tokenAmount, tokenMin);
        _checkMinimum(base, baseAmount, baseMin);

        emit LiquidityRemoved(token, base, liquidity, tokenAmount, baseAmount);
    }

    /// @inheritdoc IVenueAdapter
    function position(
        address token,
        address base
    ) external view returns (uint256 liquidity, uint256 tokenAmount, uint256 baseAmount) {
        _beforeValueRead();
        PoolRef memory ref = _poolWithReserves(token, base);
        uint256 supply;
        (liquidity, supply) = _holding(ref);
        if (liquidity == 0) return (0, 0, 0);
        tokenAmount = LiquidityMathLib.share(ref.tokenReserve, liquidity, supply);
        baseAmount = LiquidityMathLib.share(ref.baseReserve, liquidity, supply);
    }

    /// @inheritdoc IVenueAdapter
    function positionAt(
        address token,
        address base,
        uint256 priceX112
    ) external view returns (uint256 liquidity, uint256 tokenAmount, uint256 baseAmount) {
        _beforeValueRead();
        PoolRef memory ref = _poolWithReserves(token, base);
        uint256 supply;
        (liquidity, supply) = _holding(ref);
        if (liquidity == 0) return (0, 0, 0);
        (uint256 tokenFair, uint256 baseFair) = LiquidityMathLib.reservesAtPrice(
            ref.tokenReserve,
            ref.baseReserve,
            priceX112
        );
        tokenAmount = LiquidityMathLib.share(tokenFair, liquidity, supply);
        baseAmount = LiquidityMathLib.share(baseFair, liquidity, supply);
    }

    /// @dev The pool of the pair, or a revert naming the pair.
    function _pool(address token, address base) private view returns (PoolRef memory ref) {
        bool found;
        (found, ref) = _findPool(token, base);
        if (!found) revert VenueAdapterPoolNotFound(token, base);
    }

    /// @dev The pool of the pair with its current reserves loaded.
    function _poolWithReserves(
        address token,
        address base
    ) private view returns (PoolRef memory ref) {
        ref = _pool(token, base);
        (ref.tokenReserve, ref.baseReserve) = _reserves(ref);
    }

    /// @dev Sends the amounts from the allocator and joins; returns the LP units received.
    function _deposit(
        PoolRef memory ref,
        address token,
        address base,
        uint256 tokenAmount,
        uint256 baseAmount
    ) private returns (uint256 liquidity) {
        if (tokenAmount == 0 || baseAmount == 0) revert VenueAdapterZeroAmount();
        address payee = _depositPayee(ref);
        IERC20(token).safeTransferFrom(msg.sender, payee, tokenAmount);
        IERC20(base).safeTransferFrom(msg.sender, payee, baseAmount);

        uint256 lpBefore = IERC20(ref.lpToken).balanceOf(address(this));
        _join(ref, token, base, tokenAmount, baseAmount);
        liquidity = IERC20(ref.lpToken).balanceOf(address(this)) - lpBefore;
        if (liquidity == 0) revert VenueAdapterZeroAmount();
    }

    /// @dev The adapter's LP balance and the supply it is a share of.
    function _holding(PoolRef memory ref) private view returns (uint256 liquidity, uint256 supply) {
        liquidity = IERC20(ref.lpToken).balanceOf(address(this));
        if (liquidity != 0) supply = _lpSupply(ref);
    }

    function _checkMinimum(address asset, uint256 amount, uint256 minimum) internal pure {
        if (amount < minimum) revert VenueAdapterBelowMinimum(asset, amount, minimum);
    }

    // ---------------------------------------------------------------------------------------
    // Venue hooks
    // ---------------------------------------------------------------------------------------

    /// @dev The venue's pool for the pair, if it has one (reserves not loaded).
    function _findPool(
        address token,
        address base
    ) internal view virtual returns (bool found, PoolRef memory ref);

    /// @dev The pool's current reserves of `token` and `base`.
    function _reserves(
        PoolRef memory ref
    ) internal view virtual returns (uint256 tokenReserve, uint256 baseReserve);

    /// @dev The LP supply a position is a share of, including LP units owed but not yet minted
    ///      (protocol fees), so that shares are not overstated.
    function _lpSupply(PoolRef memory ref) internal view virtual returns (uint256);

    /// @dev Where the allocator's tokens are sent before `_join`: the pool, or this adapter.
    function _depositPayee(PoolRef memory ref) internal view virtual returns (address);

    /// @dev Deposits the tokens already sent to `_depositPayee` (`ref` has reserves loaded);
    ///      LP tokens / BPT go to this adapter.
    function _join(
        PoolRef memory ref,
        address token,
        address base,
        uint256 tokenAmount,
        uint256 baseAmount
    ) internal virtual;

    /// @dev Burns `liquidity` and pays the proceeds to the allocator (`msg.sender`); the
    ///      minimums are checked by the caller on what actually arrived.
    function _exit(
        PoolRef memory ref,
        address token,
        address base,
        uint256 liquidity
    ) internal virtual;

    /// @dev Runs before a position's value is read; a venue whose reserves can be read
    ///      mid-operation (read-only reentrancy) refuses the read here.
    // Most venues cannot be read mid-operation: by default there is nothing to check.
    // solhint-disable-next-line no-empty-blocks
    function _beforeValueRead() internal view virtual {}
}
