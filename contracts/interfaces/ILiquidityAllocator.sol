// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILiquidityAllocator
/// @notice Deploys Reactor liquidity to venues by the LD votes, once per rollover per Reactor.
///
///         - Pairing: a token Reactor's asset is deployed against a base Reactor's asset (WETH,
///           USDC) in each venue's pool. Governance gives each token Reactor a share (bps) of its
///           base Reactor's deployable assets; the token amount deployed is capped so that the
///           base it needs at the TWAP price fits that share (docs/venues.md).
///         - Targets: a token Reactor's deployable assets (idle + deployed - owed to matured and
///           pending redemptions), capped by its base share, split across the venues in
///           proportion to their vote tallies. Venues without votes (or no longer allowed) get 0.
///         - Moves: over-target venues are withdrawn first, then under-target ones deployed; moves
///           smaller than `minMoveBps` of the deployable assets are skipped. Every move's minimums
///           are the amounts the TWAP price implies less the slippage allowance (governance's
///           `maxSlippageBps`, or tighter if the keeper asks), with the keeper's deadline.
///         - A failing venue is skipped (event) without blocking the Reactor or the rollover.
///         - Fees: a position whose value at the TWAP exceeds its principal's is trimmed by the
///           excess every rollover, and the proceeds go to the Treasury.
///         - Withdrawals settle each asset against its principal: a surplus goes to the Treasury;
///           a shortfall goes down the loss waterfall: the Treasury's holdings of the asset, then
///           a slash of the Reactor's LD stake (TOKE to the Treasury, which then owes the Reactor
///           that value in the asset and repays it from its holdings at later rollovers), then a
///           write-down of the Reactor's rate.
///         - A base Reactor short of idle assets for its redemptions withdraws from the positions
///           it is paired in.
/// @dev Warning: the allocator must be each Reactor's allocator, the Treasury's loss cover, the
///      LD staking's slasher, and the `allocator` of every registered adapter.
interface ILiquidityAllocator {
    /// @notice Which assets a pairing puts together, and the part of the base Reactor it may use.
    struct Pairing {
        address baseReactor;
        uint16 baseShareBps;
    }

    /// @notice What a Reactor pair has in a venue: the token and base amounts deployed (the
    ///         principal, at deposit amounts, net of withdrawals).
    struct Principal {
        uint128 token;
        uint128 base;
    }

    /// @notice `caller` is not the cycle manager.
    error LiquidityAllocatorOnlyManager(address caller);
    /// @notice A zero address or id where one is needed.
    error LiquidityAllocatorZeroAddress();
    /// @notice `adapter` does not serve this allocator.
    error LiquidityAllocatorForeignAdapter(address adapter);
    /// @notice `venue` is already registered.
    error LiquidityAllocatorVenueRegistered(bytes32 venue);
    /// @notice A parameter is outside its bounds.
    error LiquidityAllocatorBadParameter(uint256 value, uint256 max);
    /// @notice The keeper's slippage is wider than governance's maximum.
    error LiquidityAllocatorSlippageTooWide(uint256 slippageBps, uint256 maxSlippageBps);
    /// @notice `reactor` is not registered with the cycle manager, or is paired already.
    error LiquidityAllocatorBadPairing(address tokenReactor, address baseReactor);
    /// @notice The base Reactor's shares would sum past 100%, or it has too many pairings.
    error LiquidityAllocatorBaseOverCommitted(address baseReactor, uint256 shareBps);

    /// @notice Governance registered `adapter` as venue `venue`.
    event VenueRegistered(bytes32 indexed venue, address indexed adapter);
    /// @notice Governance paired `tokenReactor` with `baseReactor`, for `baseShareBps` of it.
    event PairingSet(address indexed tokenReactor, address indexed baseReactor, uint256 baseShareBps);
    /// @notice Governance set the slippage allowance and the smallest move (both bps).
    event BoundsSet(uint256 maxSlippageBps, uint256 minMoveBps);
    /// @notice Governance set the LD staking contract (votes and slashes).
    event StakeDirectorySet(address indexed directory);
    /// @notice `token` / `base` amounts were deployed to `venue` for `reactor`.
    event LiquidityDeployed(
        address indexed reactor,
        bytes32 indexed venue,
        uint256 tokenAmount,
        uint256 baseAmount,
        uint256 liquidity
    );
    /// @notice `liquidity` was withdrawn from `venue` for `reactor`, returning these amounts.
    event LiquidityWithdrawn(
        address indexed reactor,
        bytes32 indexed venue,
        uint256 liquidity,
        uint256 tokenAmount,
        uint256 baseAmount
    );
    /// @notice Trading fees of `reactor`'s position in `venue` went to the Treasury.
    event FeesRealised(address indexed reactor, bytes32 indexed venue, uint256 tokenAmount, uint256 baseAmount);
    /// @notice A withdrawal returned `amount` of `asset` more than deployed: to the Treasury.
    event SurplusSent(address indexed reactor, address indexed asset, uint256 amount);
    /// @notice Waterfall step 1: the Treasury covered `amount` of `reactor`'s shortfall.
    event LossCoveredByTreasury(address indexed reactor, address indexed asset, uint256 amount);
    /// @notice Waterfall step 2: `toke` of the LD stake was slashed to the Treasury, covering
    ///         `amount` of the asset (owed by the Treasury until repaid).
    event LossCoveredBySlash(address indexed reactor, uint256 toke, uint256 amount);
    /// @notice Waterfall step 3: `amount` lowered `reactor`'s rate.
    event LossWrittenDown(address indexed reactor, uint256 amount);
    /// @notice The Treasury repaid `amount` of what the slash step made it owe `reactor`.
    event TreasuryDebtRepaid(address indexed reactor, uint256 amount);
    /// @notice A move on `venue` for `reactor` failed and was skipped.
    event VenueSkipped(address indexed reactor, bytes32 indexed venue, bytes reason);
    /// @notice No reference price for `reactor`'s pair: no move this rollover.
    event PriceUnavailable(address indexed reactor, bytes reason);

    /// @notice The rollover's allocation step for `reactor` (cycle manager only), run before the
    ///         Reactor settles its cycle.
    /// @param slippageBps The keeper's slippage allowance, at most `maxSlippageBps` (0: the max).
    /// @param deadline    Passed to every venue move.
    function rebalance(address reactor, uint256 slippageBps, uint256 deadline) external;

    /// @notice Registers `adapter` (whose allocator must be this contract) as venue `venue`, the
    ///         id the LD votes use (governance). Final.
    function registerVenue(bytes32 venue, address adapter) external;

    /// @notice Pairs `tokenReactor` with `baseReactor` for `baseShareBps` of the base Reactor's
    ///         deployable assets (governance; set once per token Reactor, share adjustable).
    function setPairing(address tokenReactor, address baseReactor, uint16 baseShareBps) external;

    /// @notice Sets the slippage allowance (<= MAX_SLIPPAGE_CEILING_BPS) and the smallest move
    ///         (<= MAX_MIN_MOVE_BPS), in bps (governance).
    function setBounds(uint16 maxSlippageBps, uint16 minMoveBps) external;

    /// @notice Sets the LD staking contract the votes and slashes come from (governance).
    function setStakeDirectory(address directory) external;

    /// @notice The adapter of `venue`, or zero.
    function adapterOf(bytes32 venue) external view returns (address);

    /// @notice `tokenReactor`'s pairing (zero base Reactor: none).
    function pairingOf(address tokenReactor) external view returns (Pairing memory);

    /// @notice What `tokenReactor`'s pair has deployed in `venue`.
    function principalOf(address tokenReactor, bytes32 venue) external view returns (Principal memory);

    /// @notice The venues `tokenReactor`'s pair holds positions in.
    function heldVenues(address tokenReactor) external view returns (bytes32[] memory);

    /// @notice What the Treasury owes `reactor` (in its asset) after slash-covered losses.
    function treasuryDebt(address reactor) external view returns (uint256);

    /// @notice The slippage allowance and the smallest move, in bps.
    function bounds() external view returns (uint256 maxSlippageBps, uint256 minMoveBps);
}
