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
///           a slash of the Reactor's LD stake sold for the asset on the slash venue in the same
///           call (only asset that arrived counts as cover; a sale that fails undoes the slash),
///           then a write-down of the Reactor's rate.
///         - Marked loss: after its moves, each Reactor with positions is told (`markLoss`) the
///           unrealised loss of its side of the positions valued at the TWAP (never spot), net
///           of what the waterfall could still cover (Treasury holdings + LD stake at the TWAP),
///           so exits and deposits use a rate that already carries the loss (docs/venues.md).
///         - Cover: a Reactor whose idle assets fall short of what it owes withdraws from its
///           positions, largest first; a venue that fails is skipped and the next one tried. A
///           recall buffer (`recallBufferBps` of its assets) is never deployed, so requests that
///           mature before a venue can be reached are paid from idle.
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
    /// @notice `caller` is not the allocator itself (`coverBySlash` is an internal step).
    error LiquidityAllocatorOnlySelf(address caller);

    /// @notice Governance registered `adapter` as venue `venue`.
    event VenueRegistered(bytes32 indexed venue, address indexed adapter);
    /// @notice Governance paired `tokenReactor` with `baseReactor`, for `baseShareBps` of it.
    event PairingSet(
        address indexed tokenReactor,
        address indexed baseReactor,
        uint256 baseShareBps
    );
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
    event FeesRealised(
        address indexed reactor,
        bytes32 indexed venue,
        uint256 tokenAmount,
        uint256 baseAmount
    );
    /// @notice A withdrawal returned `amount` of `asset` more than deployed: to the Treasury.
    event SurplusSent(address indexed reactor, address indexed asset, uint256 amount);
    /// @notice Waterfall step 1: the Treasury covered `amount` of `reactor`'s shortfall.
    event LossCoveredByTreasury(address indexed reactor, address indexed asset, uint256 amount);
    /// @notice Waterfall step 2: `toke` of the LD stake was slashed and sold, paying `amount` of
    ///         the asset into `reactor` (what the sale gave beyond it went to the Treasury).
    event LossCoveredBySlash(address indexed reactor, uint256 toke, uint256 amount);
    /// @notice Waterfall step 2 could not run for `reactor` (no price, the sale reverted): no
    ///         stake was slashed and the rest is written down.
    event SlashSkipped(address indexed reactor, bytes reason);
    /// @notice Waterfall step 3: `amount` lowered `reactor`'s rate.
    event LossWrittenDown(address indexed reactor, uint256 amount);
    /// @notice Governance set the recall buffer (bps of a Reactor's assets kept idle).
    event RecallBufferSet(uint256 bufferBps);
    /// @notice Governance set the venue slashed stake is sold on (zero: no slash step).
    event SlashVenueSet(bytes32 indexed venue);
    /// @notice The guardian paused venue moves: only withdrawals that pay redemptions run.
    event MovesPaused(address indexed guardian);
    /// @notice Governance resumed venue moves.
    event MovesUnpaused(address indexed governance);
    /// @notice A move on `venue` for `reactor` failed and was skipped.
    event VenueSkipped(address indexed reactor, bytes32 indexed venue, bytes reason);
    /// @notice No reference price for `reactor`'s pair: no move this rollover.
    event PriceUnavailable(address indexed reactor, bytes reason);

    /// @notice The rollover's allocation step for `reactor` (cycle manager only), run before the
    ///         Reactor settles its cycle.
    /// @param reactor     The Reactor the manager's cursor is on.
    /// @param slippageBps The keeper's slippage allowance, at most `maxSlippageBps` (0: the max).
    /// @param deadline    Passed to every venue move.
    function rebalance(address reactor, uint256 slippageBps, uint256 deadline) external;

    /// @notice Registers `adapter` (whose allocator must be this contract) as venue `venue`, the
    ///         id the LD votes use (governance). Final.
    /// @param venue   The venue id (as in the venue registry and the votes).
    /// @param adapter The venue's adapter.
    function registerVenue(bytes32 venue, address adapter) external;

    /// @notice Pairs `tokenReactor` with `baseReactor` for `baseShareBps` of the base Reactor's
    ///         deployable assets (governance; set once per token Reactor, share adjustable).
    /// @param tokenReactor The token Reactor.
    /// @param baseReactor  The base Reactor (WETH, USDC) it pairs with.
    /// @param baseShareBps Its share of the base Reactor's deployable assets, bps.
    function setPairing(address tokenReactor, address baseReactor, uint16 baseShareBps) external;

    /// @notice Sets the slippage allowance (<= MAX_SLIPPAGE_CEILING_BPS) and the smallest move
    ///         (<= MAX_MIN_MOVE_BPS), in bps (governance).
    /// @param maxSlippageBps Slippage allowance of every move, bps.
    /// @param minMoveBps     Smallest move, bps of a Reactor's deployable assets.
    function setBounds(uint16 maxSlippageBps, uint16 minMoveBps) external;

    /// @notice Sets the recall buffer (governance): `bufferBps` (<= MAX_RECALL_BUFFER_BPS) of each
    ///         Reactor's assets (idle + deployed) is never deployed, so redemptions that mature
    ///         at a rollover where a venue cannot be reached (skewed, paused, no price) are paid
    ///         from idle assets.
    /// @param bufferBps Part of each Reactor's assets kept idle, bps.
    function setRecallBuffer(uint16 bufferBps) external;

    /// @notice Sets the venue whose adapter sells slashed TOKE for a Reactor's asset (governance;
    ///         a registered Uniswap V2-style venue with TOKE/base and token/base pairs; zero: no
    ///         slash step, losses past the Treasury are written down).
    /// @param venue A registered venue id, or zero.
    function setSlashVenue(bytes32 venue) external;

    /// @notice Waterfall step 2, run by the allocator on itself so that a failed sale undoes the
    ///         slash: slashes TOKE worth `missing` of `reactor`'s asset (TWAP, grossed up by the
    ///         slippage allowance), sells it on the slash venue with a TWAP-derived minimum and
    ///         pays up to `missing` into the Reactor. Only callable by the allocator itself.
    /// @param reactor     The Reactor owed the asset.
    /// @param missing     Asset amount still missing after the Treasury's cover.
    /// @param slippageBps Slippage allowance of the sale.
    /// @param deadline    Passed to the sale.
    /// @return covered Asset paid into the Reactor.
    function coverBySlash(
        address reactor,
        uint256 missing,
        uint256 slippageBps,
        uint256 deadline
    ) external returns (uint256 covered);

    /// @notice Sets the LD staking contract the votes and slashes come from (governance).
    /// @param directory LD staking (zero: no votes, so nothing is deployed).
    function setStakeDirectory(address directory) external;

    /// @notice Pauses venue moves (guardian): no deployment, rebalancing or fee realisation;
    ///         withdrawals that cover matured redemptions still run, so exits never stop.
    function pause() external;

    /// @notice Resumes venue moves (governance).
    function unpause() external;

    /// @notice Whether venue moves are paused.
    function paused() external view returns (bool);

    /// @notice The adapter of `venue`, or zero.
    /// @param venue The venue id.
    function adapterOf(bytes32 venue) external view returns (address);

    /// @notice `tokenReactor`'s pairing (zero base Reactor: none).
    /// @param tokenReactor The token Reactor.
    function pairingOf(address tokenReactor) external view returns (Pairing memory);

    /// @notice What `tokenReactor`'s pair has deployed in `venue`.
    /// @param tokenReactor The token Reactor.
    /// @param venue        The venue id.
    function principalOf(
        address tokenReactor,
        bytes32 venue
    ) external view returns (Principal memory);

    /// @notice The venues `tokenReactor`'s pair holds positions in.
    /// @param tokenReactor The token Reactor.
    function heldVenues(address tokenReactor) external view returns (bytes32[] memory);

    /// @notice The recall buffer: bps of each Reactor's assets never deployed.
    function recallBufferBps() external view returns (uint256);

    /// @notice The venue slashed stake is sold on (zero: none).
    function slashVenue() external view returns (bytes32);

    /// @notice The slippage allowance and the smallest move, in bps.
    /// @return maxSlippageBps Slippage allowance of every move.
    /// @return minMoveBps     Smallest move, of a Reactor's deployable assets.
    function bounds() external view returns (uint256 maxSlippageBps, uint256 minMoveBps);
}
